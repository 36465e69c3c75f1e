import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectImageType, imageDimensions } from './image-sniff.js';
import { jpegBytes, pngBytes, webpBytes } from './test-images.js';

describe('detectImageType', () => {
  it('knows JPEG, PNG and WebP by their first bytes', async () => {
    assert.equal(await detectImageType(await jpegBytes(4, 3)), 'image/jpeg');
    assert.equal(await detectImageType(pngBytes(4, 3)), 'image/png');
    assert.equal(await detectImageType(await webpBytes(4, 3)), 'image/webp');
    assert.equal(await detectImageType(Buffer.from([0xff, 0xd8, 0xff])), 'image/jpeg');
  });

  it('refuses text, SVG, GIF, other RIFF files and files cut before the signature ends', async () => {
    const refused = [
      Buffer.from('just some text, saved as photo.png'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
      Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]),
      Buffer.from([0xff, 0xd8]),
      Buffer.alloc(0),
    ];
    for (const bytes of refused) assert.equal(await detectImageType(bytes), null, bytes.toString('latin1'));
  });
});

describe('imageDimensions', () => {
  it('reads the size from each header', async () => {
    assert.deepEqual(imageDimensions(pngBytes(37, 21)), { width: 37, height: 21 });
    assert.deepEqual(imageDimensions(await jpegBytes(123, 45)), { width: 123, height: 45 });
    assert.deepEqual(imageDimensions(await webpBytes(301, 77, 'lossy')), { width: 301, height: 77 });
    assert.deepEqual(imageDimensions(await webpBytes(16383, 3, 'lossless')), { width: 16383, height: 3 });
    assert.deepEqual(imageDimensions(await webpBytes(9, 700, 'extended')), { width: 9, height: 700 });
  });

  it('tells the three WebP kinds apart, as encoded', async () => {
    assert.equal((await webpBytes(4, 4, 'lossy')).toString('latin1', 12, 16), 'VP8 ');
    assert.equal((await webpBytes(4, 4, 'lossless')).toString('latin1', 12, 16), 'VP8L');
    assert.equal((await webpBytes(4, 4, 'extended')).toString('latin1', 12, 16), 'VP8X');
  });

  it('walks JPEG segments to a progressive frame header', () => {
    const app0 = [0xff, 0xe0, 0x00, 0x06, 0x4a, 0x46, 0x49, 0x46];
    const sof2 = [0xff, 0xc2, 0x00, 0x0b, 0x08, 0x01, 0x2c, 0x02, 0x58, 0x01, 0x01, 0x11, 0x00];
    const jpeg = Buffer.from([0xff, 0xd8, ...app0, ...sof2, 0xff, 0xd9]);
    assert.deepEqual(imageDimensions(jpeg), { width: 600, height: 300 });
  });

  it('skips a Huffman table segment, which shares the range of frame markers', () => {
    const dht = [0xff, 0xc4, 0x00, 0x04, 0x00, 0x00];
    const sof0 = [0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x02, 0x00, 0x03, 0x01, 0x01, 0x11, 0x00];
    assert.deepEqual(imageDimensions(Buffer.from([0xff, 0xd8, ...dht, ...sof0])), { width: 3, height: 2 });
  });

  it('answers null for a damaged or cut-short header', async () => {
    const jpeg = await jpegBytes(50, 40);
    const png = pngBytes(5, 5);
    const webp = await webpBytes(5, 5);
    // Cut-short copies of their own, and cut-short views into a larger buffer, which must not be read past their end.
    assert.equal(imageDimensions(Buffer.from(png.subarray(0, 20))), null);
    assert.equal(imageDimensions(Buffer.from(webp.subarray(0, 24))), null);
    assert.equal(imageDimensions(Buffer.from([0xff, 0xd8, 0xff])), null);
    assert.equal(imageDimensions(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02])), null, 'scan before any frame');
    assert.equal(imageDimensions(Buffer.from([0xff, 0xd8, 0x12, 0x34])), null, 'not a marker');
    assert.equal(imageDimensions(jpeg.subarray(0, 30)), null);
    assert.equal(imageDimensions(png.subarray(0, 20)), null);
    const zeroWidth = Buffer.from(png);
    zeroWidth.writeUInt32BE(0, 16);
    assert.equal(imageDimensions(zeroWidth), null);
    assert.equal(imageDimensions(webp.subarray(0, 24)), null);
    const unknownChunk = Buffer.from(webp);
    unknownChunk.write('ABCD', 12, 'latin1');
    assert.equal(imageDimensions(unknownChunk), null);
  });
});

describe('imageDimensions of an SVG', () => {
  it('reads width and height, in pixels, else the viewBox', () => {
    const svg = (text: string) => imageDimensions(Buffer.from(text));
    assert.deepEqual(svg('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 8 6">'), {
      width: 800,
      height: 600,
    });
    assert.deepEqual(svg("<?xml version='1.0'?><svg width='10px' height='20.4px'/>"), { width: 10, height: 20 });
    assert.deepEqual(svg('<svg viewBox="0 0 640 480" width="100%">'), { width: 640, height: 480 });
    assert.equal(svg('not an svg'), null);
  });
});
