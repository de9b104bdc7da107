/// The `--name value` options of an experiment program's command line.
public enum ExperimentOptions {
    /// The value after `name`, or nil when `name` is absent or last.
    public static func value(_ name: String, in arguments: [String] = CommandLine.arguments) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }
}
