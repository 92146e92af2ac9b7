// Replaced by the playground webview.
