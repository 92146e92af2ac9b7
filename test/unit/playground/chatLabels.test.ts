import * as assert from 'node:assert/strict';
import { dateLabel, sizeLabel } from '../../../src/playground/chat/chatLabels';

describe('Chats view labels', () => {
  const now = new Date(2026, 10, 26, 15, 30);

  it('shows only the time for a chat changed today', () => {
    assert.equal(dateLabel(new Date(2026, 10, 26, 9, 5).getTime(), now), '09:05');
  });

  it('shows month and day for an earlier day this year, and the full date before', () => {
    assert.equal(dateLabel(new Date(2026, 10, 25, 23, 59).getTime(), now), 'Nov 25');
    assert.equal(dateLabel(new Date(2026, 0, 3).getTime(), now), 'Jan 3');
    assert.equal(dateLabel(new Date(2025, 11, 31).getTime(), now), '2025-12-31');
  });

  it('sizes in B, KB and MB', () => {
    assert.equal(sizeLabel(900), '900 B');
    assert.equal(sizeLabel(1536), '1.5 KB');
    assert.equal(sizeLabel(20 * 1024), '20 KB');
    assert.equal(sizeLabel(3 * 1024 * 1024), '3.0 MB');
  });
});
