import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/config';
import { contrastWithWhite } from '../../lib/contrast';

describe('the seller’s brand settings', () => {
  it('default to the demo seller, Northwind Supply, in a blue that white text reads on', () => {
    const c = parseConfig({});
    expect(c.PORTAL_BRAND_NAME).toBe('Northwind Supply');
    expect(c.PORTAL_BRAND_COLOR).toBe('#1d4ed8');
    expect(c.PORTAL_BRAND_LOGO_URL).toBeUndefined();
  });

  it('take a name, a logo path or https URL, and a dark enough colour', () => {
    const c = parseConfig({ PORTAL_BRAND_NAME: 'Acme Tools', PORTAL_BRAND_LOGO_URL: '/acme.svg', PORTAL_BRAND_COLOR: '#0b5d1e' });
    expect([c.PORTAL_BRAND_NAME, c.PORTAL_BRAND_LOGO_URL, c.PORTAL_BRAND_COLOR]).toEqual(['Acme Tools', '/acme.svg', '#0b5d1e']);
    expect(parseConfig({ PORTAL_BRAND_LOGO_URL: 'https://cdn.acme.example/logo.png' }).PORTAL_BRAND_LOGO_URL).toBe(
      'https://cdn.acme.example/logo.png',
    );
  });

  it('refuse a colour white text cannot be read on, and say why', () => {
    expect(() => parseConfig({ PORTAL_BRAND_COLOR: '#ffd500' })).toThrow(/too light.*4\.5:1/);
    expect(() => parseConfig({ PORTAL_BRAND_COLOR: 'blue' })).toThrow(/#rrggbb/);
    // 4.54:1 on white, but 4.34:1 as link text on the page's slate-50 background.
    expect(() => parseConfig({ PORTAL_BRAND_COLOR: '#767676' })).toThrow(/too light/);
  });

  it('refuse a logo from a plain-HTTP, protocol-relative or script URL', () => {
    for (const url of [
      'http://cdn.example/logo.png',
      '//cdn.example/logo.png',
      'javascript:alert(1)',
      'logo.png',
      'https://exa mple.com/x.png',
    ]) {
      expect(() => parseConfig({ PORTAL_BRAND_LOGO_URL: url }), url).toThrow(/PORTAL_BRAND_LOGO_URL/);
    }
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    expect(contrastWithWhite('#767676')).toBeCloseTo(4.54, 2);
  });
});
