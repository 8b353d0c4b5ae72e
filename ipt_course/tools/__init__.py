"""The clinical practice tools, one package each, shaped like the role-play engine.

Each package holds its rules and model (traitlets, no widgets), any pure layout, its drawing,
its view (``view.py``, a class named ``<Tool>View``) and its wording in ``data/*.yaml``. The
notebooks import the entry points by the names below, which each package keeps:

- ``timeline.TimelineBuilder``: life events and mood over time (Day 1; with ``perinatal=True``
  pregnancies, births, losses and anniversaries too, Day 4)
- ``measures.PHQ9Scorer``, ``GAD7Scorer``, ``epds_overview``: questionnaires (Day 1)
- ``cycle.SymptomCycle``: how symptoms and relationships feed each other (Day 1)
- ``evidence.EvidenceExplorer``: the key studies and effect sizes (Day 1)
- ``inventory.InventoryBuilder``: the interpersonal inventory and closeness circle (Day 2)
- ``problem_area.ProblemAreaAid`` (also in ``formulation``): choosing the problem area (Day 2)
- ``formulation.FormulationBuilder``: the formulation in words for the client (Day 2)
- ``goals.GoalBuilder``: treatment goals checked against six criteria (Day 2)
- ``contract.ContractGenerator``: the treatment contract with its dates (Day 2)
- ``transition_balance.TransitionBalanceSheet``: the old role beside the new (Day 3)
- ``dispute_stage.DisputeStageAid``: safety first, then staging a dispute (Day 3)
- ``communication_analysis.CommunicationAnalysisWorksheet``: one exchange, line by line (Day 3)
- ``decision_analysis.DecisionAnalysisAid``: a client's options weighed step by step (Day 3)
- ``grief_review.RelationshipReview``: the relationship with the person who died (Day 4)
- ``prolonged_grief.ProlongedGriefExplorer``: ICD-11 and DSM-5-TR side by side (Day 4)
- ``safety_plan.SafetyPlanBuilder``: a practice Stanley-Brown safety plan, printable (Day 5)
- ``staying_well.StayingWellPlan``: a practice staying-well plan for the ending, printable (Day 5)
- ``group_programme.GroupProgrammePlanner``, ``GroupMeasuresTracker``: this service's 12-week
  perinatal group and a fictional group's weekly measures (Day 5)
- ``training_cases.TrainingCaseChecker``: a referral against the training-case criteria (Day 6)
- ``recording_checklist.RecordingChecklist``: consent, storage, naming, upload and deletion of
  session recordings, printable (Day 6)
- ``level_b.LevelBTracker``: Level B's cases, recordings, reports and supervision, printable (Day 6)
- ``strategy_map.StrategyMap``: the whole therapy on one page, linked to where the course
  teaches it (Day 6)
- ``selfcheck.self_check``: ungraded questions with feedback (every day)

What they share (saved work, rendering, widget pieces, the IPT vocabulary, written plans and
printable pages) is in :mod:`ipt_course.kit`. Nothing is imported here, so opening one tool
loads only that tool.
"""
