// Bedrock's checks on Converse content: blank text, the system prompt, images and documents, stop
// sequences. Sources in each title; the limits come from the bedrock-runtime service model
// (botocore / the SDK's Smithy model: Message.content and InferenceConfiguration documentation).
import * as assert from 'node:assert/strict';
import { ConverseCommand, ConverseStreamCommand, type ContentBlock, type ConverseCommandInput, type Message } from '@aws-sdk/client-bedrock-runtime';
import { PNG } from 'pngjs';
import { rejection, useLocalBedrock, user } from './harness';

const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';

const png = (width: number, height: number): Uint8Array => PNG.sync.write(new PNG({ width, height }));
const image = (bytes: Uint8Array, format: 'png' | 'jpeg' | 'gif' = 'png'): ContentBlock => ({ image: { format, source: { bytes } } });
const doc = (name: string): ContentBlock => ({ document: { format: 'txt', name, source: { bytes: new TextEncoder().encode(`contents of ${name}`) } } });
const says = (role: 'user' | 'assistant', ...content: ContentBlock[]): Message => ({ role, content });

/** A JPEG's first bytes: SOI, an APP0 segment, then SOF0 with the given size (only the header is read). */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

const gifHeader = (width: number, height: number): Uint8Array =>
  Uint8Array.from([...Buffer.from('GIF89a'), width & 0xff, width >> 8, height & 0xff, height >> 8, 0, 0, 0, 0x3b]);

describe('local Bedrock Converse content rules', () => {
  const h = useLocalBedrock();
  const converse = (input: Partial<ConverseCommandInput>) => h.runtime.send(new ConverseCommand({ modelId: haiku, messages: user('hi'), ...input }));
  const refused = async (input: Partial<ConverseCommandInput>): Promise<string> => {
    const err = await rejection(() => converse(input));
    assert.equal(err.name, 'ValidationException', err.message);
    assert.equal(err.$metadata?.httpStatusCode, 400);
    return err.message;
  };

  describe('blank text (aws-samples/bedrock-engineer#8, continuedev/continue#9767)', () => {
    it('refuses an empty or whitespace-only text block, naming messages.N.content.M', async () => {
      assert.equal(await refused({ messages: [says('user', { text: 'look' }, { text: '   \n' })] }),
        'The text field in the ContentBlock object at messages.0.content.1 is blank. Add text to the text field, and try again.');
      assert.equal(await refused({ messages: [says('user', { text: 'a' }), says('assistant', { text: 'b' }), says('user', { text: '' })] }),
        'The text field in the ContentBlock object at messages.2.content.0 is blank. Add text to the text field, and try again.');
    });

    it('applies to ConverseStream too, before the stream opens', async () => {
      const err = await rejection(() => h.runtime.send(new ConverseStreamCommand({ modelId: haiku, messages: [says('user', { text: ' ' })] })));
      assert.match(err.message, /messages\.0\.content\.0 is blank/);
    });
  });

  it('refuses an empty system text with Coral\'s length message, 1-based (CherryHQ/cherry-studio#4922); whitespace is accepted (no source)', async () => {
    assert.equal(await refused({ system: [{ text: 'be brief' }, { text: '' }] }),
      "1 validation error detected: Value at 'system.2.member.text' failed to satisfy constraint: Member must have length greater than or equal to 1");
    await converse({ system: [{ text: '  ' }] });
  });

  it('refuses an image for a model without image input (earendil-works/pi#8960, #8643)', async () => {
    assert.equal(await refused({ modelId: 'amazon.nova-micro-v1:0', messages: [says('user', { text: 'see' }, image(png(2, 2)))] }),
      "This model doesn't support the image field for user messages. Remove image and try again.");
  });

  describe('images: at most 20 per message, each ≤ 3.75 MB and ≤ 8000 px a side (service model, Message.content; wording unconfirmed)', () => {
    it('takes 20 images and refuses 21', async () => {
      const small = png(1, 1);
      const res = await converse({ messages: [says('user', { text: 'count' }, ...Array.from({ length: 20 }, () => image(small)))] });
      assert.match(res.output?.message?.content?.[0]?.text ?? '', /\| images \| 20 \|/);
      assert.match(await refused({ messages: [says('user', { text: 'count' }, ...Array.from({ length: 21 }, () => image(small)))] }),
        /messages\.0 has more than 20 images/);
    });

    it('reads the size from PNG, JPEG and GIF headers: 8000 px passes, 8001 px is refused', async () => {
      await converse({ messages: [says('user', { text: 'wide' }, image(png(8000, 1)))] });
      assert.match(await refused({ messages: [says('user', { text: 'wide' }, image(png(8001, 1)))] }), /messages\.0\.content\.1 is 8001x1 pixels/);
      await converse({ messages: [says('user', { text: 'tall' }, image(jpegHeader(10, 8000), 'jpeg'))] });
      assert.match(await refused({ messages: [says('user', { text: 'tall' }, image(jpegHeader(10, 9000), 'jpeg'))] }), /is 10x9000 pixels/);
      assert.match(await refused({ messages: [says('user', { text: 'gif' }, image(gifHeader(8001, 2), 'gif'))] }), /is 8001x2 pixels/);
    });

    it('refuses an image over 3.75 MB (read as 3,932,160 bytes)', async () => {
      const big = new Uint8Array(3.75 * 1024 * 1024 + 1);
      big.set(png(2, 2));
      assert.match(await refused({ messages: [says('user', { text: 'big' }, image(big))] }), /is 3932161 bytes, more than the 3\.75 MB allowed/);
    });

    it('refuses images (and documents) outside user turns', async () => {
      assert.match(await refused({ messages: [says('user', { text: 'a' }), says('assistant', { text: 'b' }, image(png(1, 1))), says('user', { text: 'c' })] }),
        /image content block at messages\.1\.content\.1 is only allowed in a user message/);
      assert.match(await refused({ messages: [says('user', { text: 'a' }), says('assistant', { text: 'b' }, doc('x')), says('user', { text: 'c' })] }),
        /document content block at messages\.1\.content\.1 is only allowed in a user message/);
    });
  });

  describe('documents: at most 5 per message, with a text block (service model; archestra-ai/archestra#4220 for the text)', () => {
    it('takes 5 documents with a question, refuses 6', async () => {
      const docs = (n: number) => Array.from({ length: n }, (_, i) => doc(`doc${i}`));
      await converse({ messages: [says('user', { text: 'summarize' }, ...docs(5))] });
      assert.match(await refused({ messages: [says('user', { text: 'summarize' }, ...docs(6))] }), /messages\.0 has more than 5 documents/);
    });

    it('refuses a document without a text block in the same message', async () => {
      assert.equal(await refused({ messages: [says('user', doc('alone'))] }), 'A text block must be included when using documents.');
    });
  });

  it('takes 2500 stop sequences and refuses 2501 (service model: InferenceConfiguration.stopSequences length ≤ 2500; wording unconfirmed)', async () => {
    const stops = (n: number) => Array.from({ length: n }, (_, i) => `STOP${i}`);
    await converse({ inferenceConfig: { stopSequences: stops(2500) } });
    assert.match(await refused({ inferenceConfig: { stopSequences: stops(2501) } }),
      /^1 validation error detected: Value '\[STOP0, .*STOP2500\]' at 'inferenceConfig\.stopSequences' failed to satisfy constraint: Member must have length less than or equal to 2500$/);
  });
});
