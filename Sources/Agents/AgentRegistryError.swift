/// An agent name the registry does not know, with a one-line message listing the ones it does.
public struct AgentRegistryError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The name as the caller gave it.
    public var name: String
    /// The names the registry knows, in its order.
    public var knownNames: [String]

    public init(unknownName name: String, knownNames: [String]) {
        self.name = name
        self.knownNames = knownNames
    }

    public var description: String {
        "unknown agent '\(name)'; known agents: \(knownNames.joined(separator: ", "))"
    }
}
