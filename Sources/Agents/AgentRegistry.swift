import BalloonPhysics

/// The agents loonsim can fly, by name (BLE's `--agent` registry, ble-reference.md §6).
///
/// ``make(name:profile:)`` builds one agent; callers that run many episodes or workers make it once
/// and copy it (agents are values, see ``StationKeepingAgent``). Names use dashes where BLE's use
/// underscores: `station-seeker` is BLE's `station_seeker`.
public enum AgentRegistry {
    /// One named agent and how to build it.
    public struct Entry: Sendable {
        /// The name ``make(name:profile:)`` accepts.
        public let name: String
        /// One line for help texts.
        public let summary: String
        /// Builds the agent for a physics profile (most agents ignore it).
        public let make: @Sendable (PhysicsProfile) throws -> any StationKeepingAgent
    }

    /// The built-in agents, in the order help texts list them.
    public static let builtIn: [Entry] = [
        Entry(name: "station-seeker", summary: "StationSeeker, the Nature paper's rule-based controller (§6.1)") { _ in
            StationSeekerAgent()
        },
        Entry(name: "random-walk", summary: "chases a randomly wandering target pressure (§6.2)") { profile in
            RandomWalkAgent(profile: profile)
        },
        Entry(name: "random", summary: "uniformly random commands (§6.3)") { _ in
            RandomAgent()
        },
        Entry(name: "perciatelli44", summary: "BLE's frozen perciatelli44 Q-network, greedy (§6.6)") { _ in
            try Perciatelli44Agent()
        },
    ]

    /// The names ``make(name:profile:)`` accepts, in order.
    public static var names: [String] { builtIn.map(\.name) }

    /// The agent called `name`, for `profile`.
    ///
    /// Fails with ``AgentRegistryError`` for an unknown name, or with the agent's own error when it
    /// cannot be built (e.g. perciatelli44's weights file is missing). Names resolve against
    /// ``builtIn``; a resolver for learned checkpoints (a path instead of a name) belongs in front
    /// of that lookup.
    public static func make(name: String, profile: PhysicsProfile = .ble) throws -> any StationKeepingAgent {
        guard let entry = builtIn.first(where: { $0.name == name }) else {
            throw AgentRegistryError(unknownName: name, knownNames: names)
        }
        return try entry.make(profile)
    }
}
