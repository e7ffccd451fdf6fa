import { describe, expect, it } from 'vitest';
import { isExecutableScript, stripExecutableScripts } from './strip-scripts.ts';

describe('stripExecutableScripts', () => {
  it('removes classic, module and external scripts, whatever their case or spacing', () => {
    const html = [
      '<p>a</p>',
      '<script>alert(1)</script>',
      '<SCRIPT type="text/javascript" src="https://ssl.gstatic.com/x.js"></SCRIPT >',
      "<script type='module'>import 'x'</script>",
      '<script type=importmap>{}</script>',
      '<script type="application/javascript; charset=utf-8">1</script>',
      '<script\nasync\nsrc="/y.js"></script>',
      '<p>b</p>',
    ].join('');
    expect(stripExecutableScripts(html)).toBe('<p>a</p><p>b</p>');
  });

  it('keeps data blocks, and ends a script at the first </script like the HTML tokenizer', () => {
    const json = '<script type="application/json" id="boot">{"a":"<b>"}</script>';
    const ld = '<script type="application/ld+json">{"@type":"Person"}</script>';
    const template = '<script type="text/template"><li>{{name}}</li></script>';
    expect(stripExecutableScripts(`<div>${json}${ld}${template}</div>`)).toBe(
      `<div>${json}${ld}${template}</div>`,
    );
    expect(stripExecutableScripts('<script>var s = "</script><p>after</p>')).toBe('<p>after</p>');
  });

  it('drops an unterminated script to the end, and meta refreshes', () => {
    expect(stripExecutableScripts('<p>x</p><script>while(1){}')).toBe('<p>x</p>');
    expect(
      stripExecutableScripts('<meta http-equiv="refresh" content="0; url=/error"><meta charset="utf-8">'),
    ).toBe('<meta charset="utf-8">');
  });

  it('leaves look-alike tags alone', () => {
    const html = '<scripts>x</scripts><noscript>y</noscript><p data-script="z">w</p>';
    expect(stripExecutableScripts(html)).toBe(html);
  });

  it('classifies script types as the HTML standard does', () => {
    expect(isExecutableScript('')).toBe(true);
    expect(isExecutableScript(' type=""')).toBe(true);
    expect(isExecutableScript(' type="TEXT/JavaScript"')).toBe(true);
    expect(isExecutableScript(' type="speculationrules"')).toBe(true);
    expect(isExecutableScript(' type="application/json"')).toBe(false);
    expect(isExecutableScript(' data-type="x" type="text/plain"')).toBe(false);
  });
});
