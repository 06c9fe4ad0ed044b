"""The application layer: one module per workflow, called by the CLI and the app alike.

No Textual here, and nothing printed: each workflow returns what happened (results,
problems) and the face — ``zntui.cli`` prints it, ``zntui.ui`` renders it.

- :mod:`~zntui.workflows.caselist`: the case list — theme columns from the frameworks
  present, one row per case (client list, triage table, exports).
- :mod:`~zntui.workflows.session`: open a folder — its root, config, plugins.
- :mod:`~zntui.workflows.scoring`: score an opened folder (cache, workers, streaming).
- :mod:`~zntui.workflows.reviewing`: change a review — load, change, save, conflict,
  rescore — for one case (CLI, case screen) or several (bulk status).
- :mod:`~zntui.workflows.exports`: the case list as JSON, CSV, Markdown.
"""
