/**
 * Messages of the catalog tools (validator, `mag-catalog`, catalog client), French first. `{name}` are
 * placeholders; a `_one` variant is used when `count` is singular for the locale (0 and 1 in French).
 */
import type { Translations } from '../../../activities/src/i18n/localize.js';

const fr = {
  // Fields (valibot issues).
  issue_missing: 'champ obligatoire manquant',
  issue_one_of: 'valeur attendue parmi {expected}, reçu {received}',
  issue_type: 'type attendu\u00a0: {expected}, reçu\u00a0: {received}',
  issue_empty: 'ne doit pas être vide',
  issue_min_length: 'au moins {count} caractères',
  issue_min_items: 'au moins {count} éléments',
  issue_min_items_one: 'au moins {count} élément',
  issue_max_length: 'au plus {count} caractères (il y en a {length})',
  issue_max_items: 'au plus {count} éléments',
  issue_max_items_one: 'au plus {count} élément',
  issue_min_value: 'doit valoir au moins {min} (reçu {received})',
  issue_max_value: 'doit valoir au plus {max} (reçu {received})',
  issue_integer: 'doit être un nombre entier (reçu {received})',
  issue_invalid: 'valeur invalide\u00a0: {received}',
  issue_unknown_field: 'champ inconnu (faute de frappe\u00a0?)\u00a0: les lecteurs du catalogue l’ignoreraient',
  issue_module_id:
    'identifiant de module invalide {received}\u00a0: minuscules sans accents, chiffres et tirets (ex. «\u00a0ecole-inclusive\u00a0»)',
  issue_item_id:
    'identifiant d’élément invalide {received}\u00a0: minuscules sans accents, chiffres, «\u00a0-\u00a0» et «\u00a0_\u00a0»',
  issue_semver: 'version invalide {received}\u00a0: version sémantique attendue (ex. «\u00a01.2.0\u00a0»)',
  issue_iso_date: 'date invalide {received}\u00a0: AAAA-MM-JJ attendu',
  issue_path:
    'chemin invalide {received}\u00a0: chemin relatif au dossier, fait de lettres sans accents, chiffres et «\u00a0. _ ~ -\u00a0», sans «\u00a0..\u00a0» ni «\u00a0/\u00a0» au début',
  issue_image_path: 'image invalide {received}\u00a0: fichier SVG, PNG, JPEG ou WebP du module attendu',
  issue_html_path: 'page invalide {received}\u00a0: fichier .html du module attendu',
  issue_vtt_ref: 'sous-titres invalides {received}\u00a0: fichier WebVTT (.vtt) du module ou adresse https:// attendu',
  issue_video_ref: 'vidéo invalide {received}\u00a0: fichier MP4 ou WebM du module ou adresse https:// attendu',
  issue_image_ref:
    'image invalide {received}\u00a0: fichier SVG, PNG, JPEG ou WebP du module ou adresse https:// attendu',
  issue_language:
    'langue invalide {received}\u00a0: code de langue attendu (ex. «\u00a0fr\u00a0», «\u00a0fr-FR\u00a0»)',
  issue_h5p_machine_name: 'nom de bibliothèque H5P invalide {received} (ex. «\u00a0H5P.MagChoice\u00a0»)',

  // Files and folders.
  json_syntax: 'JSON invalide, ligne {line}, colonne {column}\u00a0: {message}',
  file_missing: 'fichier introuvable',
  folder_missing: 'dossier introuvable',
  file_too_large: 'fichier trop volumineux\u00a0: {size} octets, au plus {max}',
  symlink: 'lien symbolique refusé\u00a0: seuls de vrais fichiers sont publiés',
  catalog_empty: 'aucun module\u00a0: le dossier modules/ est vide ou absent',
  bad_module_folder: 'nom de dossier de module invalide\u00a0: minuscules sans accents, chiffres et tirets',
  bad_version_folder: 'nom de dossier de version invalide\u00a0: version sémantique attendue (ex. «\u00a01.0.0\u00a0»)',
  stray_file: 'fichier inattendu à cet endroit, ignoré',
  id_mismatch: 'l’identifiant {id} ne correspond pas au nom du dossier {folder}',
  version_mismatch: 'la version {version} ne correspond pas au nom du dossier {folder}',
  duplicate_item_id: 'identifiant d’élément en double\u00a0: {id} (déjà pris par items[{first}])',
  page_source: 'une page a soit «\u00a0html\u00a0», soit «\u00a0src\u00a0», exactement l’un des deux',
  ref_outside: 'le chemin {ref} sort du dossier de la version',
  ref_missing: 'fichier introuvable\u00a0: {ref}',
  ref_absolute: 'chemin absolu {ref}\u00a0: utilisez un chemin relatif, le catalogue peut être publié n’importe où',
  ref_unsafe: 'nom de fichier non portable {ref}\u00a0: lettres sans accents, chiffres et «\u00a0. _ ~ -\u00a0»',
  html_script: 'balise <script>\u00a0: les lecteurs la retirent',
  html_iframe: 'balise <{tag}>\u00a0: les lecteurs la retirent',
  html_handler: 'attribut {attr}\u00a0: les lecteurs le retirent',
  html_javascript_url: 'adresse javascript:\u00a0: les lecteurs la retirent',
  external_src:
    'ressource chargée depuis un autre site ({ref})\u00a0: elle révèle l’adresse des stagiaires à ce site, préférez un fichier du module',
  vtt_invalid: 'fichier WebVTT invalide\u00a0: il doit commencer par «\u00a0WEBVTT\u00a0»',
  svg_unsafe: 'SVG refusé\u00a0: il contient du script, un gestionnaire d’événement ou une ressource externe',
  h5p_main_missing: 'la bibliothèque principale {library} manque dans preloadedDependencies',
  h5p_library_missing:
    'bibliothèque H5P introuvable\u00a0: {library} (requise par {neededBy})\u00a0; ajoutez-la au dossier du contenu ou à h5p-libraries/',
  h5p_library_mismatch: 'library.json décrit {found}\u00a0: le dossier devrait s’appeler ainsi',
  h5p_library_file_missing: 'fichier de la bibliothèque introuvable\u00a0: {ref}',
  h5p_content_missing: 'content/content.json introuvable dans le contenu H5P',
  h5p_too_many_files: 'trop de fichiers\u00a0: {count}, au plus {max}',
  h5p_library_unused: 'bibliothèque H5P utilisée par aucun contenu',
  h5p_patch_conflict: 'deux copies différentes de {library} en version {version}\u00a0: celle de {kept} est publiée',
  version_too_large: 'la version pèse {size} octets, au plus {max}',
  package_too_large: 'le paquet construit (pages incluses) pèserait {size} octets, au plus {max}',
  index_too_large: 'l’index construit pèserait {size} octets, au plus {max}',
  durations_zero: 'durée nulle\u00a0: «\u00a0distance\u00a0» et «\u00a0inPerson\u00a0» valent 0',
  durations_mismatch:
    'la somme des durées des éléments ({items} min) est loin de la durée à distance annoncée ({distance} min)',
  date_order: 'la version {version} est datée du {date}, avant la version {previous} ({previousDate})',
  item_removed:
    'l’élément {id} de la version {previous} disparaît en {version}\u00a0: retirer un élément demande une nouvelle version majeure (la progression des stagiaires sur cet élément est perdue)',
  item_kind_changed:
    'l’élément {id} était de type {before} en {previous} et devient {after}\u00a0: donnez-lui un nouvel identifiant',
  quiz_no_right_answer: 'aucune réponse juste\u00a0: la question ne peut pas être réussie',
  wordcloud_limits: 'minPerPerson ({min}) dépasse maxPerPerson ({max})',
  out_not_catalog:
    '{out} existe et n’est pas un catalogue construit\u00a0: choisissez un dossier vide ou qui n’existe pas encore',
  out_overlaps: 'le dossier de sortie et le dossier source ne peuvent pas être l’un dans l’autre',

  // mag-catalog.
  cli_usage: `Utilisation\u00a0:
  mag-catalog validate DOSSIER          vérifie la source d’un catalogue
  mag-catalog build DOSSIER SORTIE      construit un catalogue statique dans SORTIE

Options\u00a0:
  --json        problèmes au format JSON (validate)
  --lang fr|en  langue des messages (sinon celle de LANG)`,
  cli_unknown_command: 'Commande inconnue\u00a0: {command}',
  cli_missing_argument: 'Argument manquant.',
  cli_valid: '{dir}\u00a0: catalogue valide (modules\u00a0: {modules}, versions\u00a0: {versions}).',
  cli_errors: '{count} erreurs.',
  cli_errors_one: '{count} erreur.',
  cli_warnings: '{count} avertissements.',
  cli_warnings_one: '{count} avertissement.',
  cli_built:
    'Catalogue construit dans {out} (modules\u00a0: {modules}, versions\u00a0: {versions}, fichiers\u00a0: {files}).',
  cli_refused: 'Construction refusée\u00a0: corrigez d’abord les erreurs de la source.',
  cli_failed: 'Échec\u00a0: {message}',
  label_error: 'erreur',
  label_warning: 'avertissement',

  // Catalog client.
  client_bad_url: 'Adresse de catalogue invalide\u00a0: {url}',
  client_not_allowed: 'Ce catalogue n’est pas autorisé par l’administrateur de la plateforme\u00a0: {url}',
  client_network: 'Le catalogue ne répond pas ({url})\u00a0: {message}',
  client_http: 'Le catalogue a répondu {status} pour {url}',
  client_too_large: 'Réponse trop volumineuse ({url})\u00a0: au plus {max} octets',
  client_invalid_json: 'Réponse illisible (JSON invalide)\u00a0: {url}',
  client_invalid: 'Contenu non conforme au format du catalogue ({url})\u00a0: {details}',
  client_unsupported_format: 'Format de catalogue non pris en charge ({format}, version {version})\u00a0: {url}',
  client_unknown_module: 'Module inconnu dans ce catalogue\u00a0: {id}',
  client_unknown_version: 'Version {version} inconnue pour le module {id}',
  client_mismatch: 'Le paquet {url} ne correspond pas au module {id} en version {version}',
} as const;

export type CatalogStringKey = keyof typeof fr;

export const catalogStrings: Translations<typeof fr> = {
  fr,
  en: {
    issue_missing: 'required field missing',
    issue_one_of: 'expected one of {expected}, got {received}',
    issue_type: 'expected {expected}, got {received}',
    issue_empty: 'must not be empty',
    issue_min_length: 'at least {count} characters',
    issue_min_items: 'at least {count} items',
    issue_min_items_one: 'at least {count} item',
    issue_max_length: 'at most {count} characters (it has {length})',
    issue_max_items: 'at most {count} items',
    issue_max_items_one: 'at most {count} item',
    issue_min_value: 'must be at least {min} (got {received})',
    issue_max_value: 'must be at most {max} (got {received})',
    issue_integer: 'must be a whole number (got {received})',
    issue_invalid: 'invalid value: {received}',
    issue_unknown_field: 'unknown field (a typo?): catalog readers would ignore it',
    issue_module_id:
      'invalid module id {received}: lowercase ASCII letters, digits and hyphens (e.g. "inclusive-school")',
    issue_item_id: 'invalid item id {received}: lowercase ASCII letters, digits, "-" and "_"',
    issue_semver: 'invalid version {received}: a semantic version is expected (e.g. "1.2.0")',
    issue_iso_date: 'invalid date {received}: YYYY-MM-DD expected',
    issue_path:
      'invalid path {received}: a path relative to the folder, made of ASCII letters, digits and ". _ ~ -", without ".." or a leading "/"',
    issue_image_path: 'invalid image {received}: an SVG, PNG, JPEG or WebP file of the module is expected',
    issue_html_path: 'invalid page {received}: an .html file of the module is expected',
    issue_vtt_ref: 'invalid captions {received}: a WebVTT (.vtt) file of the module or an https:// address is expected',
    issue_video_ref: 'invalid video {received}: an MP4 or WebM file of the module or an https:// address is expected',
    issue_image_ref:
      'invalid image {received}: an SVG, PNG, JPEG or WebP file of the module or an https:// address is expected',
    issue_language: 'invalid language {received}: a language code is expected (e.g. "fr", "fr-FR")',
    issue_h5p_machine_name: 'invalid H5P library name {received} (e.g. "H5P.MagChoice")',

    json_syntax: 'invalid JSON, line {line}, column {column}: {message}',
    file_missing: 'file not found',
    folder_missing: 'folder not found',
    file_too_large: 'file too large: {size} bytes, at most {max}',
    symlink: 'symbolic link refused: only real files are published',
    catalog_empty: 'no modules: the modules/ folder is empty or missing',
    bad_module_folder: 'invalid module folder name: lowercase ASCII letters, digits and hyphens',
    bad_version_folder: 'invalid version folder name: a semantic version is expected (e.g. "1.0.0")',
    stray_file: 'unexpected file here, ignored',
    id_mismatch: 'the id {id} does not match the folder name {folder}',
    version_mismatch: 'the version {version} does not match the folder name {folder}',
    duplicate_item_id: 'duplicate item id: {id} (already used by items[{first}])',
    page_source: 'a page has either "html" or "src", exactly one of them',
    ref_outside: 'the path {ref} leaves the version folder',
    ref_missing: 'file not found: {ref}',
    ref_absolute: 'absolute path {ref}: use a relative path, the catalog may be published anywhere',
    ref_unsafe: 'non-portable file name {ref}: ASCII letters, digits and ". _ ~ -"',
    html_script: '<script> element: players remove it',
    html_iframe: '<{tag}> element: players remove it',
    html_handler: '{attr} attribute: players remove it',
    html_javascript_url: 'javascript: address: players remove it',
    external_src:
      "resource loaded from another site ({ref}): it reveals trainees' addresses to that site, prefer a file of the module",
    vtt_invalid: 'invalid WebVTT file: it must start with "WEBVTT"',
    svg_unsafe: 'SVG refused: it contains script, an event handler or an external resource',
    h5p_main_missing: 'the main library {library} is missing from preloadedDependencies',
    h5p_library_missing:
      'H5P library not found: {library} (needed by {neededBy}); add it to the content folder or to h5p-libraries/',
    h5p_library_mismatch: 'library.json describes {found}: the folder should be named so',
    h5p_library_file_missing: 'library file not found: {ref}',
    h5p_content_missing: 'content/content.json not found in the H5P content',
    h5p_too_many_files: 'too many files: {count}, at most {max}',
    h5p_library_unused: 'H5P library used by no content',
    h5p_patch_conflict: 'two different copies of {library} at version {version}: the one of {kept} is published',
    version_too_large: 'the version weighs {size} bytes, at most {max}',
    package_too_large: 'the built package (pages inlined) would weigh {size} bytes, at most {max}',
    index_too_large: 'the built index would weigh {size} bytes, at most {max}',
    durations_zero: 'zero duration: "distance" and "inPerson" are both 0',
    durations_mismatch:
      "the items' durations add up to {items} min, far from the announced distance time ({distance} min)",
    date_order: 'version {version} is dated {date}, before version {previous} ({previousDate})',
    item_removed:
      "item {id} of version {previous} is gone in {version}: removing an item needs a new major version (trainees' progress on it is lost)",
    item_kind_changed: 'item {id} was a {before} in {previous} and becomes a {after}: give it a new id',
    quiz_no_right_answer: 'no right answer: the question cannot be passed',
    wordcloud_limits: 'minPerPerson ({min}) is more than maxPerPerson ({max})',
    out_not_catalog: '{out} exists and is not a built catalog: choose an empty folder or one that does not exist yet',
    out_overlaps: 'the output folder and the source folder cannot be inside one another',

    cli_usage: `Usage:
  mag-catalog validate DIR          checks a catalog's source
  mag-catalog build DIR OUT         builds a static catalog into OUT

Options:
  --json        problems as JSON (validate)
  --lang fr|en  language of the messages (else the one of LANG)`,
    cli_unknown_command: 'Unknown command: {command}',
    cli_missing_argument: 'Missing argument.',
    cli_valid: '{dir}: valid catalog (modules: {modules}, versions: {versions}).',
    cli_errors: '{count} errors.',
    cli_errors_one: '{count} error.',
    cli_warnings: '{count} warnings.',
    cli_warnings_one: '{count} warning.',
    cli_built: 'Catalog built in {out} (modules: {modules}, versions: {versions}, files: {files}).',
    cli_refused: 'Build refused: fix the errors of the source first.',
    cli_failed: 'Failed: {message}',
    label_error: 'error',
    label_warning: 'warning',

    client_bad_url: 'Invalid catalog address: {url}',
    client_not_allowed: 'This catalog is not allowed by the platform administrator: {url}',
    client_network: 'The catalog does not answer ({url}): {message}',
    client_http: 'The catalog answered {status} for {url}',
    client_too_large: 'Response too large ({url}): at most {max} bytes',
    client_invalid_json: 'Unreadable response (invalid JSON): {url}',
    client_invalid: 'Content does not follow the catalog format ({url}): {details}',
    client_unsupported_format: 'Unsupported catalog format ({format}, version {version}): {url}',
    client_unknown_module: 'Unknown module in this catalog: {id}',
    client_unknown_version: 'Unknown version {version} of module {id}',
    client_mismatch: 'The package {url} does not match module {id} at version {version}',
  },
};
