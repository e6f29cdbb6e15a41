// What may follow a recognized number and still belong to it: a rate's second unit (45.1亿元/年,
// 160万元/亩). Not the time of day of a date (3月26日 + 上午): a date keeps its part of the year,
// and annotators of local news left the part of the day out two times in three. Read on the
// whitespace-free, width-folded text the number rules use.
import type { NumberValue } from '../types';

/** Units a rate is counted per (the denominator after /). */
const PER = /^\/(?:年|月|日|天|周|亩|公顷|人|户|吨|平方米|千瓦时|度|小时|台|件|套)/;

/** The end of the number whose hit ends at `end`, taking in a tail that belongs to it. */
export function withTail(s: string, end: number, value: NumberValue | undefined): number {
  if (!value) return end;
  const rest = s.slice(end, end + 12);
  if (value.kind === 'date') return end;
  const per = value.unit ? PER.exec(rest) : null;
  return per ? end + per[0].length : end;
}
