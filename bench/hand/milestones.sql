-- report milestones --by programme (due within 4 weeks), as of :AS_OF: per programme the
-- trajectories open on the date (started by then; their last state change dated by then, or
-- none: aangemeld, is aangemeld, intake, in-leerwerk or geplaatst), those with an overdue
-- milestone (behind), the overdue milestones (deadline before the date) and those due (deadline
-- in [as-of, as-of + 28 days]).
-- A milestone of the track (temp table plugin_milestones, from `traject plugins list --json`)
-- not reached by the date has a deadline when its anchor is known by then: the trajectory's
-- start (anchor '') or the anchor milestone's reached date, plus the plugin's days.
-- Columns as `traject report milestones --by programme --csv` without name and total.
-- Parameters (substituted as text): :ORG (an SQL string), :AS_OF (days since 1970-01-01).
WITH open AS MATERIALIZED (
  SELECT t.programme,
    -- overdue * 65536 + due, over the track's milestones not reached by the date
    (SELECT COALESCE(SUM(CASE WHEN deadline < :AS_OF THEN 65536
                              WHEN deadline <= :AS_OF + 28 THEN 1 ELSE 0 END), 0)
     FROM (SELECT CASE WHEN d.anchor = '' THEN t.started
                       ELSE (SELECT a.reached FROM milestones a
                             WHERE a.org = t.org AND a.trajectory = t.id
                               AND a.milestone = d.anchor AND a.reached <= :AS_OF)
                  END + d.days AS deadline
           FROM plugin_milestones d
           WHERE d.programme = t.programme AND d.track = t.track AND d.days IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM milestones m
                             WHERE m.org = t.org AND m.trajectory = t.id
                               AND m.milestone = d.milestone AND m.reached <= :AS_OF))
    ) AS late
  FROM trajectories t
  WHERE t.org = :ORG AND t.started <= :AS_OF
    -- open on the date: the state of the last change (the largest (day, seq), the state in
    -- its last 3 bits), aangemeld without one
    AND COALESCE((SELECT MAX((sc.date * 4294967296 + sc.seq) * 8 + sc.to_state)
                  FROM state_changes sc
                  WHERE sc.org = t.org AND sc.trajectory = t.id AND sc.date <= :AS_OF) % 8,
                 1) <= 4
)
SELECT programme,
  COUNT(*) AS open_trajectories,
  SUM(late / 65536 > 0) AS behind,
  SUM(late / 65536) AS overdue,
  SUM(late % 65536) AS due
FROM open
GROUP BY programme
ORDER BY programme;
