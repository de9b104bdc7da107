"""Loads loonsim's Swift library (``libLoonsimC``) with ctypes and declares its C interface.

The library is the one ``pip install ./python`` built and copied into this package
(``loonsim/_lib/``); ``$LOONSIM_LIBRARY`` names another build instead (for development).
Every fallible C function returns a status (0 = success) or a null handle and writes one line
into an error buffer; :func:`check` turns that into a :class:`LoonsimError`.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

#: The C interface version this package speaks (``loonsim_interface_version``).
INTERFACE_VERSION = 1
#: Bytes of the buffer a failing C call writes its message into.
ERROR_CAPACITY = 2048

_PACKAGE = Path(__file__).resolve().parent
_LIBRARY_NAME = "libLoonsimC.dylib" if sys.platform == "darwin" else "libLoonsimC.so"


class LoonsimError(RuntimeError):
    """A failure reported by the simulator (a scenario it cannot fly, an unreadable file, a misuse)."""


_c_float_p = ctypes.POINTER(ctypes.c_float)
_c_double_p = ctypes.POINTER(ctypes.c_double)
_c_int64_p = ctypes.POINTER(ctypes.c_int64)
_c_uint8_p = ctypes.POINTER(ctypes.c_uint8)
_handle = ctypes.c_void_p
_error = [ctypes.c_char_p, ctypes.c_int64]

#: A policy called from Swift: (episode seed, beginning?, observation pointer, last reward) -> action or -1.
POLICY_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64, ctypes.c_int32, _c_float_p, ctypes.c_double)

_SIGNATURES = {
    "loonsim_interface_version": (ctypes.c_int64, []),
    "loonsim_info_count": (ctypes.c_int64, []),
    "loonsim_observation_count": (ctypes.c_int64, []),
    "loonsim_set_data_home": (ctypes.c_int32, [ctypes.c_char_p] + _error),
    "loonsim_sim_create": (_handle, [ctypes.c_int64, ctypes.c_char_p, ctypes.c_double, ctypes.c_char_p,
                                     ctypes.c_char_p, ctypes.c_int64] + _error),
    "loonsim_sim_destroy": (None, [_handle]),
    "loonsim_sim_scenario_seeds": (ctypes.c_int64, [_handle, _c_int64_p, ctypes.c_int64]),
    "loonsim_sim_reset": (ctypes.c_int32, [_handle, ctypes.c_int64, ctypes.c_int64, ctypes.c_void_p,
                                           ctypes.c_void_p] + _error),
    "loonsim_sim_step": (ctypes.c_int32, [_handle, ctypes.c_int64, ctypes.c_int64, ctypes.c_void_p,
                                          ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p] + _error),
    "loonsim_sim_step_all": (ctypes.c_int32, [_handle] + [ctypes.c_void_p] * 7 + _error),
    "loonsim_benchmark_steps": (ctypes.c_int32, [_handle, ctypes.c_int64, ctypes.c_int64] + _error),
    "loonsim_benchmark_steps_all": (ctypes.c_int32, [_handle, ctypes.c_int64, ctypes.c_int64] + _error),
    "loonsim_generate_wind_grid": (ctypes.c_int32, [ctypes.c_int64, ctypes.c_int64, ctypes.c_char_p] + _error),
    "loonsim_agent_create": (_handle, [ctypes.c_char_p, ctypes.c_char_p] + _error),
    "loonsim_agent_destroy": (None, [_handle]),
    "loonsim_agent_begin": (ctypes.c_int64, [_handle, ctypes.c_void_p, ctypes.c_int64] + _error),
    "loonsim_agent_step": (ctypes.c_int64, [_handle, ctypes.c_void_p, ctypes.c_double] + _error),
    "loonsim_evaluate": (ctypes.c_int32, [_handle, POLICY_CALLBACK, _c_int64_p, ctypes.c_int64, ctypes.c_char_p,
                                          ctypes.c_double, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int64,
                                          ctypes.c_int32, ctypes.c_char_p, ctypes.c_char_p] + _error),
}


def _library_path() -> Path:
    override = os.environ.get("LOONSIM_LIBRARY")
    if override:
        return Path(override)
    return _PACKAGE / "_lib" / _LIBRARY_NAME


def _load() -> ctypes.CDLL:
    path = _library_path()
    if not path.is_file():
        raise ImportError(f"loonsim's Swift library is missing ({path}); install the package with "
                          "`pip install ./python` from a loonsim checkout, or set LOONSIM_LIBRARY")
    library = ctypes.CDLL(str(path))
    for name, (result, arguments) in _SIGNATURES.items():
        function = getattr(library, name)
        function.restype = result
        function.argtypes = arguments
    version = library.loonsim_interface_version()
    if version != INTERFACE_VERSION:
        raise ImportError(f"{path} speaks C interface version {version}, this package needs {INTERFACE_VERSION}; "
                          "reinstall with `pip install ./python`")
    bundled = _PACKAGE / "_data"
    if (bundled / "WindFields" / "offlineskies22_decoder.h5").is_file() and not os.environ.get("LOONSIM_HOME"):
        error = ctypes.create_string_buffer(ERROR_CAPACITY)
        if library.loonsim_set_data_home(str(bundled).encode(), error, ERROR_CAPACITY) != 0:
            raise ImportError(error.value.decode(errors="replace"))
    return library


lib = _load()
OBSERVATION_COUNT = lib.loonsim_observation_count()
INFO_COUNT = lib.loonsim_info_count()


class ErrorBuffer:
    """A reusable buffer for the one-line message of a failed C call."""

    def __init__(self) -> None:
        self.buffer = ctypes.create_string_buffer(ERROR_CAPACITY)

    @property
    def message(self) -> str:
        return self.buffer.value.decode(errors="replace")

    def check(self, status: int) -> None:
        """Raises :class:`LoonsimError` with the buffer's message when ``status`` is not 0."""
        if status != 0:
            raise LoonsimError(self.message)


def pointer(array) -> ctypes.c_void_p:
    """The address of a contiguous numpy array's data, for a ``void*`` argument."""
    return ctypes.c_void_p(array.ctypes.data)
