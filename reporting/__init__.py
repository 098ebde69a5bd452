"""The maintainers' report: what buyers ask, what the assistant does not understand, how fast it answers.

Read from the conversation store configured by endpoints.yml (any store Rasa supports), written as one
self-contained HTML file (``make report``, README « Tableau de bord des mainteneurs »).

- ``reporting.store``: reads the conversations through Rasa's tracker store API
- ``reporting.events``: one pass over a conversation's events -> the user messages and what became of them
- ``reporting.misses``: the not-understood messages, grouped by similarity, and their CSV to annotate
- ``reporting.metrics``: the figures (pure functions of the messages)
- ``reporting.page``: the HTML page and its plotly charts
"""
