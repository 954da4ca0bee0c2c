/** The version of this build of the activities, shown when two bundles disagree. */
export const VERSION = '0.1.0';
