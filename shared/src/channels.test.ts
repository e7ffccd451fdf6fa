import { describe, expect, it } from 'vitest';
import { CONTACT_SOURCES, channelOfPlace } from './channels.ts';

describe('channelOfPlace', () => {
  it('names the channel of a note taken where the person was found', () => {
    expect(CONTACT_SOURCES.map((s) => [s, channelOfPlace(s)])).toEqual([
      ['gmail', 'email'],
      ['linkedin', 'linkedin'],
      ['x', 'x'],
      ['web', 'web'],
      ['import', 'other'],
      ['manual', 'other'],
    ]);
  });
});
