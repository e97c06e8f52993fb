/** The exported backends' script (`backends.mjs`), as text: one file that runs in Node with no packages. */
import source from 'virtual:backends-script';

export const BACKENDS_SCRIPT: string = source;
