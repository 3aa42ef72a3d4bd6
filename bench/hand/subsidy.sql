-- report subsidy --by employer, window [:FROM, :TO], as of :AS_OF, committed 12 months ahead:
--   placements  placements active on some day of the window (started by :TO, not ended before
--               :FROM)
--   running     placements running on the as-of date (started by then, not ended before it),
--               in the window or not
--   paid        the loonkostensubsidie of the eligible placements active in the window, over
--               their days in it (the schedule: lks_schedule.sql)
--   committed   that of the eligible running placements from the day after the as-of date to
--               the end of the 12th calendar month after its month
--   blocked     placements active in the window that earn nothing on their last day in it
--               (the window's last day, or their end if earlier) for a reason: excluded by
--               their banenplan (not eligible), no assessment by that day though the forfait
--               has ended (overdue), or the assessment in force that day is 100 %
--   rules_missing  0: the bundled plugins' rules are in lks_schedule.sql
-- The window's lower bound: none by default (the script passes a day far in the past).
-- Amounts in euros with two decimals, as traject prints them.
-- Columns as `traject report subsidy --by employer --csv` without name and total, plus
-- `months`: the calendar months each active placement covers in the window, summed (the
-- schedule's size; not in traject's CSV: not compared).
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF, :FROM, :TO (days since
-- 1970-01-01; :TO already cut to the as-of date).
CREATE TEMP TABLE lks_want AS
SELECT id AS placement, 'paid' AS kind, :FROM AS wfrom, :TO AS wto FROM placements
WHERE org = :ORG AND start <= :AS_OF AND start <= :TO
  AND (end_date IS NULL OR end_date > :AS_OF OR end_date >= :FROM)
UNION ALL
SELECT id, 'committed', :AS_OF + 1,
  CAST(julianday(2440587.5 + :AS_OF, 'start of month', '+13 months', '-1 day') - 2440587.5
       AS INTEGER)
FROM placements
WHERE org = :ORG AND start <= :AS_OF AND (end_date IS NULL OR end_date >= :AS_OF);

-- @include lks_schedule.sql

SELECT employer,
  SUM(active) AS placements,
  SUM(running) AS running,
  printf('%d.%02d', SUM(paid) / 100, SUM(paid) % 100) AS paid,
  printf('%d.%02d', SUM(committed) / 100, SUM(committed) % 100) AS committed,
  SUM(active AND (NOT eligible OR (latest IS NULL AND last >= fe) OR latest >= 100)) AS blocked,
  0 AS rules_missing,
  SUM(CASE WHEN active THEN
        (CAST(strftime('%Y', 2440587.5 + last) AS INTEGER) * 12
           + CAST(strftime('%m', 2440587.5 + last) AS INTEGER))
        - (CAST(strftime('%Y', 2440587.5 + first) AS INTEGER) * 12
             + CAST(strftime('%m', 2440587.5 + first) AS INTEGER)) + 1
      ELSE 0 END) AS months
FROM (
  SELECT p.employer, p.eligible, active, running,
    CASE WHEN p.eligible AND active THEN COALESCE(pa.amount, 0) ELSE 0 END AS paid,
    CASE WHEN p.eligible AND running THEN COALESCE(ca.amount, 0) ELSE 0 END AS committed,
    p.fe, (SELECT l.percent FROM lks_assessed l
           WHERE l.placement = p.id AND l.date <= MIN(COALESCE(p.e, :TO), :TO)
           ORDER BY l.date DESC LIMIT 1) AS latest,
    MAX(p.s, :FROM) AS first, MIN(COALESCE(p.e, :TO), :TO) AS last
  FROM (SELECT *, s <= :TO AND (e IS NULL OR e >= :FROM) AS active,
          e IS NULL OR e >= :AS_OF AS running
        FROM lks_placements) p
  LEFT JOIN lks_amounts pa ON pa.placement = p.id AND pa.kind = 'paid'
  LEFT JOIN lks_amounts ca ON ca.placement = p.id AND ca.kind = 'committed'
  WHERE active OR running
)
GROUP BY employer
ORDER BY employer;
