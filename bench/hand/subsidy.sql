-- report subsidy --by employer, window [:FROM, :TO], as of :AS_OF: the schedule's inputs only.
-- No SQL query computes the exact loonkostensubsidie (paid, committed, blocked): that is the
-- schedule of rules.md, month by month with the parameters in force, the loonwaarde assessments
-- and the forfait, and the banenplan plugin's eligibility decision. This query gives what that
-- computation starts from, per employer:
--   placements  placements active on some day of the window (started by :TO, not ended before
--               :FROM)
--   running     placements running on the as-of date (started by then, not ended before it),
--               in the window or not
--   months      the calendar months each active placement covers in the window, summed (not
--               in traject's CSV: not compared)
-- The window's lower bound: none by default (the script passes a day far in the past).
-- Columns: traject's `employer`, `placements`, `running`, plus `months`.
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF, :FROM, :TO (days since
-- 1970-01-01; :TO already cut to the as-of date).
SELECT employer,
  SUM(active) AS placements,
  SUM(end_date IS NULL OR end_date >= :AS_OF) AS running,
  SUM(CASE WHEN active THEN
        (CAST(strftime('%Y', 2440587.5 + last) AS INTEGER) * 12
           + CAST(strftime('%m', 2440587.5 + last) AS INTEGER))
        - (CAST(strftime('%Y', 2440587.5 + first) AS INTEGER) * 12
             + CAST(strftime('%m', 2440587.5 + first) AS INTEGER)) + 1
      ELSE 0 END) AS months
FROM (
  SELECT p.employer, p.end_date,
    p.start <= :TO AND (p.end_date IS NULL OR p.end_date >= :FROM) AS active,
    MAX(p.start, :FROM) AS first, MIN(COALESCE(p.end_date, :TO), :TO) AS last
  FROM placements p
  WHERE p.org = :ORG AND p.start <= :AS_OF
    AND ((p.start <= :TO AND (p.end_date IS NULL OR p.end_date >= :FROM))
         OR p.end_date IS NULL OR p.end_date >= :AS_OF)
)
GROUP BY employer
ORDER BY employer;
