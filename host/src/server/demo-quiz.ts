/**
 * The demo course's quiz, in the question model (quiz/src/model.ts): one question of each type a trainer can
 * write, on the framework of digital skills that French teachers are trained to (CRCN, Pix, GDPR at school).
 * Self-paced in interactive mode (several tries with hints), and ready for a live session.
 */
import type { Quiz } from '../../../quiz/src/attempt.js';
import type { LiveSettings } from '../../../quiz/src/live.js';

export const DEMO_QUIZ: Quiz = {
  settings: {
    behaviour: 'interactive',
    shuffleAnswers: true,
    attemptsAllowed: 3,
    maxGrade: 10,
    passGrade: 6,
    gradingMethod: 'highest',
  },
  slots: [
    {
      question: {
        type: 'description',
        text: 'Ce quiz fait le point sur le cadre du numérique éducatif. Il compte huit questions ; vous avez trois tentatives.',
        textFormat: 'plain',
      },
    },
    {
      question: {
        type: 'single',
        name: 'CRCN',
        text: 'Que décrit le CRCN, le cadre de référence des compétences numériques ?',
        textFormat: 'plain',
        answers: [
          {
            text: 'Les compétences numériques attendues, de l’école à l’université, en 5 domaines et 16 compétences',
            fraction: 100,
            feedback: 'Oui : c’est le cadre commun à l’école, au collège, au lycée et au supérieur.',
          },
          { text: 'Le matériel informatique que chaque école doit posséder', fraction: 0 },
          { text: 'Les programmes de la spécialité NSI au lycée', fraction: 0 },
          { text: 'La charte d’usage d’Internet d’un établissement', fraction: 0 },
        ],
        hints: [{ text: 'Il s’adresse à tous les élèves, pas à une discipline.' }],
        generalFeedback: 'Le CRCN est paru au Bulletin officiel en 2019.',
      },
    },
    {
      question: {
        type: 'multiple',
        name: 'RGPD',
        text: 'Avant d’utiliser un service en ligne avec vos élèves, que vérifiez-vous ? (plusieurs réponses)',
        textFormat: 'plain',
        answers: [
          { text: 'Qu’il figure au registre des traitements de l’établissement', fraction: 50 },
          { text: 'Où et par qui les données des élèves sont hébergées', fraction: 50 },
          { text: 'Qu’il est gratuit : cela suffit', fraction: -100, feedback: 'Gratuit ne veut pas dire conforme.' },
          { text: 'Que les élèves ont plus de 13 ans : cela suffit', fraction: -50 },
        ],
        hints: [{ text: 'Pensez aux données personnelles des élèves.', showNumCorrect: true, clearWrong: true }],
      },
    },
    {
      question: {
        type: 'truefalse',
        name: 'Droit à l’image',
        text: 'On peut publier sur le site de l’école la photo d’un élève sans l’autorisation de ses responsables légaux.',
        textFormat: 'plain',
        correct: false,
        feedbackTrue: 'Non : l’autorisation écrite des responsables légaux est nécessaire.',
        feedbackFalse: 'Exact : il faut leur autorisation écrite.',
      },
    },
    {
      question: {
        type: 'shortanswer',
        name: 'Pix',
        text: 'Quel est le nom du service public qui évalue et certifie les compétences numériques ?',
        textFormat: 'plain',
        caseSensitive: false,
        answers: [
          { text: 'Pix', fraction: 100 },
          {
            text: 'Pix Orga',
            fraction: 50,
            feedback: 'Pix Orga est l’outil des enseignants, pour suivre leurs élèves sur Pix.',
          },
        ],
      },
    },
    {
      question: {
        type: 'numerical',
        name: 'Domaines',
        text: 'Combien de domaines de compétences le CRCN compte-t-il ?',
        textFormat: 'plain',
        answers: [{ kind: 'exact', value: 5, tolerance: 0, fraction: 100 }],
        hints: [{ text: 'Information, communication, création, protection… et un dernier.' }],
      },
    },
    {
      question: {
        type: 'matching',
        name: 'Outils',
        text: 'Associez chaque service à son usage.',
        textFormat: 'plain',
        pairs: [
          { left: 'ENT', right: 'L’espace numérique de travail de l’établissement' },
          { left: 'Éduthèque', right: 'Des ressources des grands établissements culturels et scientifiques' },
          { left: 'Pix', right: 'Évaluer et certifier les compétences numériques' },
          { left: '', right: 'Un réseau social grand public' },
        ],
      },
    },
    {
      question: {
        type: 'ordering',
        name: 'Classe inversée',
        text: 'Remettez dans l’ordre les étapes d’une séance en classe inversée.',
        textFormat: 'plain',
        items: [
          'Les élèves découvrent la notion chez eux (vidéo courte)',
          'Ils notent leurs questions',
          'En classe, on répond aux questions',
          'Les élèves s’exercent en groupes, l’enseignant circule',
        ],
        grading: 'relativeNextExcludeLast',
      },
    },
    {
      question: {
        type: 'essay',
        name: 'Projet',
        text: 'En quelques lignes : quel usage du numérique aimeriez-vous essayer dans votre classe, et pourquoi ?',
        textFormat: 'plain',
        graderInfo: 'Valoriser un usage précis, justifié par un besoin des élèves.',
      },
    },
  ],
};

export const DEMO_LIVE_SETTINGS: LiveSettings = { timerSeconds: 30, speedPoints: false, leaderboard: 'progress' };
