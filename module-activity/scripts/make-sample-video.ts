/**
 * Makes the sample catalog's small video (a silent slideshow, WebM/VP8), in Debian's Chromium: slides drawn
 * on a canvas, recorded with MediaRecorder. Run once by hand; the output is committed:
 *
 *   node --import tsx module-activity/scripts/make-sample-video.ts OUT.webm
 *
 * The slides' texts are those of the captions file beside the video in the sample (phare.fr.vtt).
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium.mjs';

const SLIDES = [
  ['Prévenir le harcèlement', 'avec le programme pHARe'],
  ['1. Repérer', 'isolement, moqueries répétées, objets abîmés'],
  ['2. Ne pas rester seul', 'alerter l’équipe ressource pHARe'],
  ['3. Agir vite', 'méthode de la préoccupation partagée'],
  ['Le 3018', 'numéro national, gratuit et anonyme'],
];

const out = process.argv[2];
if (!out) throw new Error('Usage: make-sample-video.ts OUT.webm');

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  // A string, not a function: tsx would add helpers (`__name`) that do not exist in the page.
  const base64 = (await page.evaluate(`(async (slides) => {
    const canvas = document.createElement('canvas');
    canvas.width = 480;
    canvas.height = 270;
    document.body.append(canvas);
    const context = canvas.getContext('2d');
    const recorder = new MediaRecorder(canvas.captureStream(10), {
      mimeType: 'video/webm;codecs=vp8',
      videoBitsPerSecond: 90000,
    });
    const chunks = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    const start = performance.now();
    const perSlide = 2000;
    await new Promise((resolve) => {
      const draw = () => {
        const elapsed = performance.now() - start;
        const [title, subtitle] = slides[Math.min(slides.length - 1, Math.floor(elapsed / perSlide))];
        context.fillStyle = '#000091';
        context.fillRect(0, 0, 480, 270);
        context.fillStyle = '#e1000f';
        context.fillRect(0, 250, ((elapsed % perSlide) / perSlide) * 480, 20);
        context.fillStyle = '#ffffff';
        context.textAlign = 'center';
        context.font = 'bold 30px sans-serif';
        context.fillText(title, 240, 120);
        context.font = '18px sans-serif';
        context.fillText(subtitle, 240, 165);
        if (elapsed < slides.length * perSlide) requestAnimationFrame(draw);
        else resolve();
      };
      draw();
    });
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  })(${JSON.stringify(SLIDES)})`)) as string;
  writeFileSync(out, Buffer.from(base64, 'base64'));
  console.log(`Wrote ${out} (${Buffer.from(base64, 'base64').length} bytes)`);
} finally {
  await browser.close();
}
