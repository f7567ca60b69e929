import { describe, expect, it } from 'vitest';
import { showsTypedText } from './typed-text';

describe('showsTypedText', () => {
  it('finds a message in an input box, wrapped and indented', () => {
    const box = ' > please review the change in src/\n   server/router.ts and say what breaks\n';
    expect(showsTypedText(box, 'please review the change in src/server/router.ts and say what breaks')).toBe(true);
  });

  it('does not find a message the screen does not show yet', () => {
    expect(showsTypedText(' >   Type your message or @path/to/file\n', 'SEND-MARKER: hi')).toBe(false);
  });

  it('takes the placeholder a CLI draws for a long paste as the message', () => {
    expect(showsTypedText('❯ [Pasted text #1 +42 lines]', 'line\n'.repeat(42))).toBe(true);
    expect(showsTypedText(' > [Pasted Text: 42 lines]', 'line\n'.repeat(42))).toBe(true);
  });
});
