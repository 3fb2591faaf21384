// The layer rules of .dependency-cruiser.cjs, checked through dependency-cruiser's API (its CLI
// refuses Node 20, which the bot supports; the API itself runs fine on it).
import { cruise } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const config = await extractDepcruiseConfig('./.dependency-cruiser.cjs');
const { options = {}, ...ruleSet } = config;
const result = await cruise(
  ['src'],
  { ...options, validate: true, ruleSet, outputType: 'err' },
  undefined,
  { tsConfig: extractTSConfig('./tsconfig.json') },
);
process.stdout.write(result.output);
process.exit(result.exitCode);
