import type { OpeningDay } from '~/domain/catalogue/opening-hours';

/** A lender's opening days, as formatted on the server in the reader's language (empty: nothing rendered). */
export function OpeningHoursList({ days }: { days: OpeningDay[] }) {
  if (!days.length) return null;
  return (
    <ul className="plain-list opening-hours">
      {days.map((d) => (
        <li key={d.weekday}>
          <span className="opening-hours__day">{d.day}</span> {d.times}
        </li>
      ))}
    </ul>
  );
}
