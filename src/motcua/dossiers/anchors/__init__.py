"""Anchored history: signed, timestamped checkpoints of every dossier's event chain.

The chains (`dossiers.events`) show any edit to someone who cannot rewrite them; whoever can write
the database can also re-hash an edited chain up to its head. A checkpoint fixes the heads at a
moment, under the agency's seal and the TSA's timestamp, in a file kept apart from the database
(`MOTCUA_ANCHOR_DIR`): a chain rewritten afterwards no longer has the checkpointed hash at the
checkpointed version. docs/operations.md is the runbook.

    merkle.py        leaf encoding and the Merkle root (pure)
    record.py        the checkpoint file format (pure)
    conf.py          settings
    errors.py        why a checkpoint was not made
    services.py      making checkpoints (regular, and after a restore)
    verification.py  checking files, links and the chains against them
    selectors.py     the list and the age of the last checkpoint
    tasks.py, admin.py, management/commands/anchor.py: the doors
"""
