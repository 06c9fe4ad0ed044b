"""The application layer: one module per workflow, called by the CLI and the app alike.

No Textual here, and nothing printed: each workflow returns what happened (results,
problems) and the face — ``zntui.cli`` prints it, ``zntui.ui`` renders it.

- :mod:`~zntui.workflows.caselist`: the case list — theme columns from the frameworks
  present, one row per case (client list, triage table, exports).
- :mod:`~zntui.workflows.session`: open a folder — its root, config, plugins.
- :mod:`~zntui.workflows.scoring`: score an opened folder (cache, workers, streaming),
  and put in the files changed on disk since; :mod:`~zntui.workflows.rows` is the
  cache row of one scored case, :mod:`~zntui.workflows.workers` the process pool,
  :mod:`~zntui.workflows.watch` the kernel's word on changed files.
- :mod:`~zntui.workflows.scored`: the data a scored folder is made of.
- :mod:`~zntui.workflows.detail`: read one case in detail (the case screen, ``judge``).
- :mod:`~zntui.workflows.reviewing`: change a review — load, change, save, conflict,
  rescore — for one case (CLI, case screen) or several (bulk status).
- :mod:`~zntui.workflows.levels`: the level pictures (the one disclosure-controlled
  publication of a folder) and the reports made from them, with the regional notes.
- :mod:`~zntui.workflows.exports`: the case list as JSON, CSV, Markdown.
"""
