/** The studies by name (what the command line and the worker threads look up). */
import { StudyError, type Study } from './study.ts';
import { temperatureStudy } from './temperature.ts';
import { wearStudy } from './wear.ts';
import { variationStudyDef } from './variation.ts';

export const STUDIES: readonly Study[] = [temperatureStudy, wearStudy, variationStudyDef];

/**
 * The study of a name, or a StudyError listing the known ones.
 * @example studyNamed('wear').config('ci');
 */
export function studyNamed(name: string): Study {
  const s = STUDIES.find((x) => x.name === name);
  if (!s) throw new StudyError(`unknown study '${name}' (known: ${STUDIES.map((x) => x.name).join(', ')})`);
  return s;
}
