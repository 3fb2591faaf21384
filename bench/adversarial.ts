/**
 * Inputs built to be slow to read, at a given length: long digit runs, repeated particles and
 * weekday lists, long whitespace, many numbers, half-finished dates and times. Shared by the
 * benchmark (worst-case parse time, the `when` preview hammer) and the bounded-input tests.
 */
const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

export function adversarialInputs(length: number): { name: string; text: string }[] {
  const units: [string, string][] = [
    ['digits', '9'],
    ['digits and colons', '1:'],
    ['digit pairs', '12 '],
    ['slashes', '1/'],
    ['dates without days', '12月'],
    ['days', '5日'],
    ['hours', '3時'],
    ['hours and minutes', '10時30'],
    ['kanji numerals', '十二'],
    ['particles', 'の'],
    ['from-to', 'から'],
    ['weekday list', '月・'],
    ['weekdays', '火曜'],
    ['English weekdays', 'mon tue '],
    ['next', 'next '],
    ['am pm', '3pm '],
    ['numbers and words', '1 at 2 on 3 '],
    ['whitespace', ' '],
    ['ideographic space', '\u3000'],
    ['minutes', '30分'],
    ['hours long', '1時間'],
    ['half', '半'],
    ['in hours', 'in 2 hours '],
    ['ordinals', 'the 2nd '],
    ['zones', '9am ET '],
    ['periods', '夕方'],
    ['full-width digits', '１'],
    ['dashes', '1-'],
    ['dots', '1.'],
    ['weeks', '2週間'],
    ['zone names', 'ET PT '],
    ['zone places', '3pm Paris time '],
    ['nth weekdays', '第1水曜'],
    ['quarters', 'quarter to six '],
    ['weeks from', 'a week from '],
    ['era years', '令和4年'],
    ['idioms', '午後イチ'],
    ['series weekday lists', '毎週月  ・ '],
    ['series ends', '毎週全1回'],
    ['series every', 'every mon and '],
    ['series until', 'daily until 1/'],
    ['series spans', 'every day for 6 weeks '],
    ['series month days', 'the 15th of every month '],
  ];
  const inputs = units.map(([name, unit]) => ({ name, text: fill(unit, length) }));
  inputs.push({ name: 'digits after a date', text: `明日 ${fill('9', length - 3)}` });
  inputs.push({ name: 'whitespace then a time', text: `${fill(' ', length - 3)}15時` });
  inputs.push({ name: 'English digits', text: `tomorrow ${fill('1', length - 9)}` });
  return inputs;
}
