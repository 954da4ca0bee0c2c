/** Small valid documents of the catalog format, for tests to start from and break one thing at a time. */
import type { CatalogIndex, ModulePackage, SourceModule } from '../src/catalog/schema.js';

export function validPackage(): ModulePackage {
  return {
    format: 'mag-module',
    formatVersion: 1,
    id: 'evaluer-competences',
    version: '1.0.0',
    date: '2025-09-01',
    releaseNotes: 'Première version.',
    title: 'Évaluer par compétences',
    summary: 'Construire des critères de réussite partagés avec les élèves.',
    objectives: ['Distinguer évaluation formative et sommative'],
    nature: 'self-paced',
    domain: 'assessment',
    publics: ['secondary'],
    durations: { distance: 15, inPerson: 0 },
    rhythm: 'À son rythme',
    origin: { kind: 'academic', academy: 'nantes' },
    authors: [{ name: 'Claire Martin' }],
    keywords: ['évaluation', 'compétences'],
    language: 'fr',
    thumbnail: 'thumbnail.svg',
    items: [
      { kind: 'page', id: 'intro', title: 'Introduction', duration: 5, html: '<p>Bonjour</p>' },
      {
        kind: 'quiz',
        id: 'quiz',
        title: 'Quiz',
        duration: 10,
        questions: [
          {
            type: 'single',
            text: 'Laquelle est formative ?',
            textFormat: 'plain',
            answers: [
              { text: 'Celle qui aide à apprendre', fraction: 100 },
              { text: 'Celle du bulletin', fraction: 0 },
            ],
          },
        ],
      },
    ],
  };
}

export function validSource(): SourceModule {
  return validPackage();
}

export function validIndex(): CatalogIndex {
  const { format: _f, formatVersion: _v, version, date, releaseNotes, items: _i, ...metadata } = validPackage();
  return {
    format: 'mag-catalog',
    formatVersion: 1,
    title: 'Catalogue',
    publisher: 'Académie de Nantes',
    updated: date,
    modules: [
      {
        ...metadata,
        thumbnail: `modules/${metadata.id}/${version}/thumbnail.svg`,
        latest: version,
        versions: [{ version, date, releaseNotes, package: `modules/${metadata.id}/${version}/module.json` }],
      },
    ],
  };
}
