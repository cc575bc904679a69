"""Fill the sandbox with a living catalogue for a workshop: ``python -m sandbox.demo``.

Seven sellers from the field notes' towns (Abhar, Zanjan, Khodabandeh, Tabriz, Isfahan,
Tehran) register and list their crafts — kilim, filigree, enamel, dolls, socks, noodles, a
patchwork quilt — with the sample photos (one describes hers with the sample voice note); the
trainer «نرگس امینی» approves them in the trainers' group, so they are posted to the channel
@hamyar_catalogue with the «🛒 سفارش» button; two buyers order, and the orders are left in
several states: completed with a five-star review, shipped, accepted, and new.

Everything is done the way people do it, through the sandbox's control API (the same calls the
web page makes): the REAL bot answers, so the chats, the channel posts, the outbox and the
database are all genuine. Two ways to run it:

* with the sandbox running (``make run`` in another terminal): it talks to it at
  ``--url`` (default ``http://127.0.0.1:$SANDBOX_PORT``, port 8081);
* with nothing running: it starts the bot and its stand-in itself, in this process, with the
  same settings as ``make run`` (``SANDBOX_STATE_DIR``, ``DATABASE_URL``), loads the demo and
  stops; ``make run`` afterwards shows it. (``SANDBOX_PORT=0``: on any free port, as the test
  does; nothing runs there to be found.)

It is idempotent: when the demo's buyer already exists it says so and changes nothing, and a
run that was interrupted continues where it stopped (people are found by name, a seller who
already registered is not registered again, a listing already in the channel is not listed
again). To start from scratch: ``make sandbox-reset``. Flood limits of the stand-in are turned
off while it loads (and back on at the end), so it takes a minute or two.

The trainer made here is a trainer for the bot through ``sandbox.bridge`` (the demo also writes
her ``trainers`` row itself, so it works with a bot that does not run the bridge).

tests/test_demo.py runs it as ``make demo`` does and checks what it promises: a button label
or a wording of the bot changed in locales/ without the steps here following makes it fail.

Its modules: ``data`` (the people, their products and the orders), ``client`` (the control API
and a person talking to the bot through it), ``steps`` (what they do) and ``__main__`` (running
it, starting the bot when nothing runs).
"""
