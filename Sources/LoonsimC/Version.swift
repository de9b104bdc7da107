/// The version of the C interface; the Python package refuses a library whose version differs.
@_cdecl("loonsim_interface_version")
public func loonsimInterfaceVersion() -> Int64 { 1 }
