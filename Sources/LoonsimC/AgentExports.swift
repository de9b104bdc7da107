import Agents
import BalloonPhysics
import StationKeeping

/// A built-in agent held for C: the agent value and a reusable observation.
final class AgentBox {
    var agent: any StationKeepingAgent
    var observation = Observation(values: [Float](repeating: 0, count: Observation.count))

    init(name: String, profile: PhysicsProfile) throws {
        agent = try DataHome.shared.agent(named: name, profile: profile)
    }

    /// Reads 1099 values from `values` into ``observation``.
    func load(_ values: UnsafePointer<Float>) {
        observation.values.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: values, count: Observation.count) }
    }

    /// The action `decide` takes for the agent behind `handle` on the observation at `values`, or −1
    /// with the error written for C.
    static func action(_ handle: UnsafeMutableRawPointer?, _ values: UnsafePointer<Float>,
                       _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64,
                       _ decide: (inout any StationKeepingAgent, Observation) -> AltitudeControlCommand) -> Int64 {
        var action: Int64 = -1
        _ = reportingErrors(error, capacity) {
            let box = try Handle.object(handle, as: AgentBox.self)
            box.load(values)
            action = Int64(decide(&box.agent, box.observation).rawValue)
        }
        return action
    }
}

/// Makes the built-in agent `name` (station-seeker, random-walk, random, perciatelli44) for `profile`.
@_cdecl("loonsim_agent_create")
public func loonsimAgentCreate(_ name: UnsafePointer<CChar>?, _ profile: UnsafePointer<CChar>?,
                               _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> UnsafeMutableRawPointer? {
    var handle: UnsafeMutableRawPointer?
    _ = reportingErrors(error, capacity) {
        let profileName = try string(profile, "the physics profile")
        guard let physics = PhysicsProfile(rawValue: profileName) else {
            throw InterfaceError("unknown physics profile '\(profileName)'; use 'ble' or 'corrected'")
        }
        handle = Handle.make(try AgentBox(name: string(name, "the agent name"), profile: physics))
    }
    return handle
}

@_cdecl("loonsim_agent_destroy")
public func loonsimAgentDestroy(_ handle: UnsafeMutableRawPointer?) {
    Handle.release(handle, as: AgentBox.self)
}

/// Starts an episode from its reset observation (1099 floats); returns the first action, or −1 on error.
@_cdecl("loonsim_agent_begin")
public func loonsimAgentBegin(_ handle: UnsafeMutableRawPointer?, _ observation: UnsafePointer<Float>, _ seed: Int64,
                              _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int64 {
    AgentBox.action(handle, observation, error, capacity) { $0.beginEpisode(observation: $1, seed: UInt64(bitPattern: seed)) }
}

/// The agent's next action for an observation (after a step that gave `reward`), or −1 on error.
@_cdecl("loonsim_agent_step")
public func loonsimAgentStep(_ handle: UnsafeMutableRawPointer?, _ observation: UnsafePointer<Float>, _ reward: Double,
                             _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int64 {
    AgentBox.action(handle, observation, error, capacity) { $0.step(reward: reward, observation: $1) }
}
