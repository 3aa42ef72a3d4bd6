-- report wioa (by programme) for the window [:FROM, :TO], as of :AS_OF.
-- A trajectory's exit X: the first day it entered uitgestroomd (5) or afgebroken (6). Q2 and
-- Q4: the second and fourth calendar quarter after the one holding X; "ended by the as-of
-- date": its last day <= as-of. Working in a quarter: some placement of the participant (any
-- trajectory) started by its last day and not ended before its first.
--   exits                  exits in the window
--   employment_q2/q4       of the exits whose Q2 (Q4) ended: working in it
--   median_earnings_q2     of those working in Q2 (Q2 ended): the median of their Q2 earnings,
--                          each placement's wage x days worked in the month / days in the
--                          month, rounded half away from zero to cents per placement and month;
--                          an even count takes the mean of the middle two, rounded the same way
--   credential             of the exits on a track with a credential milestone (plugin table)
--                          and X + 12 months <= as-of: some credential milestone of any of the
--                          participant's trajectories reached in [start, X + 12 months]
--   retention              of those working in Q2 whose Q4 ended: some employer of theirs in
--                          Q2 and in Q4
--   skill_gains            of the trajectories on a track with a credential or skill-gain
--                          milestone, open on some day of the window (started by :TO, first
--                          closing (5, 6, 7) after both :FROM and its start): those reaching
--                          such a milestone of theirs in the window
-- Columns as `traject report wioa --csv` without name, *_pct and total; the median in euros.
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF, :FROM, :TO (days since
-- 1970-01-01; :TO already cut to the as-of date).

-- Every placement started by the as-of date, by participant (an end after it is not known).
CREATE TEMP TABLE jobs AS
SELECT t.ref, p.employer, p.start,
  CASE WHEN p.end_date <= :AS_OF THEN p.end_date ELSE 1000000000 END AS end_date, p.wage_cents
FROM placements p CROSS JOIN trajectories t ON t.org = p.org AND t.id = p.trajectory
WHERE p.org = :ORG AND p.start <= :AS_OF;
CREATE INDEX jobs_by_ref ON jobs (ref);

-- The trajectories started by :TO, in one pass: the exit (first day entering 5 or 6) and the
-- first closing (5, 6 or 7), dated by the as-of date.
CREATE TEMP TABLE tj AS
SELECT t.id, t.ref, t.programme, t.track, t.started,
  MIN(CASE WHEN sc.to_state IN (5, 6) THEN sc.date END) AS x,
  MIN(sc.date) AS closed
FROM trajectories t
LEFT JOIN state_changes sc ON sc.org = t.org AND sc.trajectory = t.id
  AND sc.to_state IN (5, 6, 7) AND sc.date <= :AS_OF
WHERE t.org = :ORG AND t.started <= :TO
GROUP BY t.id;

-- The exits in the window with their quarters: q2 is the first day of Q2 (the quarter's start
-- + 6 months), q4 of Q4; y1 is X + 12 months, clamped.
CREATE TEMP TABLE wexits AS
SELECT id, ref, programme, track, started, x, q2, q4,
  CAST(julianday(2440587.5 + q2, '+3 months') - 2440587.5 AS INTEGER) - 1 AS q2_end,
  CAST(julianday(2440587.5 + q4, '+3 months') - 2440587.5 AS INTEGER) - 1 AS q4_end,
  CAST(MIN(julianday(2440587.5 + x, 'start of month', '+12 months')
             + CAST(strftime('%d', 2440587.5 + x) AS INTEGER) - 1,
           julianday(2440587.5 + x, 'start of month', '+13 months', '-1 day'))
       - 2440587.5 AS INTEGER) AS y1
FROM (
  SELECT id, ref, programme, track, started, x,
    CAST(julianday(2440587.5 + x, 'start of month',
                   '-' || ((CAST(strftime('%m', 2440587.5 + x) AS INTEGER) - 1) % 3) || ' months',
                   '+6 months') - 2440587.5 AS INTEGER) AS q2,
    CAST(julianday(2440587.5 + x, 'start of month',
                   '-' || ((CAST(strftime('%m', 2440587.5 + x) AS INTEGER) - 1) % 3) || ' months',
                   '+12 months') - 2440587.5 AS INTEGER) AS q4
  FROM tj
  WHERE x BETWEEN :FROM AND :TO
);

-- Per exit: working in Q2 and Q4, the Q2 earnings, the same employer in both, a credential.
CREATE TEMP TABLE wfacts AS
SELECT w.programme, w.id,
  w.q2_end <= :AS_OF AS q2_base,
  w.q2_end <= :AS_OF AND EXISTS (SELECT 1 FROM jobs j WHERE j.ref = w.ref
                                   AND j.start <= w.q2_end AND j.end_date >= w.q2) AS q2_work,
  w.q4_end <= :AS_OF AS q4_base,
  w.q4_end <= :AS_OF AND EXISTS (SELECT 1 FROM jobs j WHERE j.ref = w.ref
                                   AND j.start <= w.q4_end AND j.end_date >= w.q4) AS q4_work,
  w.q4_end <= :AS_OF AND EXISTS (
    SELECT 1 FROM jobs j2 CROSS JOIN jobs j4 ON j4.ref = j2.ref AND j4.employer = j2.employer
    WHERE j2.ref = w.ref AND j2.start <= w.q2_end AND j2.end_date >= w.q2
      AND j4.start <= w.q4_end AND j4.end_date >= w.q4) AS same_employer,
  -- the three months of Q2: [m, next month's first day - 1]
  (SELECT SUM((2 * j.wage_cents * (MIN(j.end_date, m.last) - MAX(j.start, m.first) + 1)
               + (m.last - m.first + 1)) / (2 * (m.last - m.first + 1)))
   FROM (SELECT CAST(julianday(2440587.5 + w.q2, '+' || k || ' months') - 2440587.5
                     AS INTEGER) AS first,
                CAST(julianday(2440587.5 + w.q2, '+' || (k + 1) || ' months') - 2440587.5
                     AS INTEGER) - 1 AS last
         FROM (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2)) m
   CROSS JOIN jobs j
   WHERE j.ref = w.ref AND j.start <= m.last AND j.end_date >= m.first) AS q2_cents,
  w.y1 <= :AS_OF AND EXISTS (SELECT 1 FROM plugin_milestones d
                             WHERE d.programme = w.programme AND d.track = w.track
                               AND d.outcome = 'credential') AS credential_base,
  w.y1 <= :AS_OF AND EXISTS (
    SELECT 1 FROM trajectories t CROSS JOIN plugin_milestones d
      ON d.programme = t.programme AND d.track = t.track AND d.outcome = 'credential'
    CROSS JOIN milestones m ON m.org = t.org AND m.trajectory = t.id AND m.milestone = d.milestone
    WHERE t.org = :ORG AND t.ref = w.ref
      AND m.reached >= w.started AND m.reached <= w.y1 AND m.reached <= :AS_OF) AS credential
FROM wexits w;

-- The median of the Q2 earnings of those working in Q2, per programme.
CREATE TEMP TABLE medians AS
SELECT programme, (2 * SUM(q2_cents) + COUNT(*)) / (2 * COUNT(*)) AS cents
FROM (
  SELECT programme, q2_cents,
    ROW_NUMBER() OVER (PARTITION BY programme ORDER BY q2_cents) AS i,
    COUNT(*) OVER (PARTITION BY programme) AS n
  FROM wfacts WHERE q2_work
)
WHERE i IN ((n + 1) / 2, n / 2 + 1)
GROUP BY programme;

-- The trajectories in training in the window and whether they reached a skill gain in it.
CREATE TEMP TABLE training AS
SELECT t.programme,
  EXISTS (SELECT 1 FROM plugin_milestones d CROSS JOIN milestones m
            ON m.org = :ORG AND m.trajectory = t.id AND m.milestone = d.milestone
          WHERE d.programme = t.programme AND d.track = t.track
            AND d.outcome IN ('credential', 'skill-gain')
            AND m.reached BETWEEN :FROM AND :TO) AS gained
FROM tj t
WHERE COALESCE(t.closed, 1000000000) > MAX(:FROM, t.started)
  AND EXISTS (SELECT 1 FROM plugin_milestones d
              WHERE d.programme = t.programme AND d.track = t.track
                AND d.outcome IN ('credential', 'skill-gain'));

SELECT g.programme,
  COALESCE(e.exits, 0) AS exits,
  COALESCE(e.employment_q2, 0) AS employment_q2,
  COALESCE(e.employment_q2_base, 0) AS employment_q2_base,
  COALESCE(e.employment_q4, 0) AS employment_q4,
  COALESCE(e.employment_q4_base, 0) AS employment_q4_base,
  CASE WHEN md.cents IS NOT NULL THEN printf('%d.%02d', md.cents / 100, md.cents % 100) END
    AS median_earnings_q2,
  COALESCE(e.credential, 0) AS credential,
  COALESCE(e.credential_base, 0) AS credential_base,
  COALESCE(s.skill_gains, 0) AS skill_gains,
  COALESCE(s.skill_gains_base, 0) AS skill_gains_base,
  COALESCE(e.retention, 0) AS retention,
  COALESCE(e.retention_base, 0) AS retention_base
FROM (SELECT programme FROM wfacts UNION SELECT programme FROM training) g
LEFT JOIN (
  SELECT programme, COUNT(*) AS exits,
    SUM(q2_work) AS employment_q2, SUM(q2_base) AS employment_q2_base,
    SUM(q4_work) AS employment_q4, SUM(q4_base) AS employment_q4_base,
    SUM(credential) AS credential, SUM(credential_base) AS credential_base,
    SUM(q2_work AND same_employer) AS retention, SUM(q2_work AND q4_base) AS retention_base
  FROM wfacts GROUP BY programme
) e ON e.programme = g.programme
LEFT JOIN (
  SELECT programme, SUM(gained) AS skill_gains, COUNT(*) AS skill_gains_base
  FROM training GROUP BY programme
) s ON s.programme = g.programme
LEFT JOIN medians md ON md.programme = g.programme
ORDER BY g.programme;
