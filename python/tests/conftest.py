"""Shared fixtures: BLE's exported reference data (skipped cleanly when absent)."""

import os
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def ble_data_directory() -> Path:
    """``$LOONSIM_BLE_DATA``, or ``../shared/data/ble`` beside the checkout (as the Swift tests read it)."""
    return Path(os.environ.get("LOONSIM_BLE_DATA", REPOSITORY.parent / "shared" / "data" / "ble"))


@pytest.fixture(scope="session")
def ble_data() -> Path:
    directory = ble_data_directory()
    if not (directory / "scenarios.json").is_file():
        pytest.skip(f"BLE's reference export is not at {directory}")
    return directory
