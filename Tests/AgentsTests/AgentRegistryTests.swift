import Agents
import BalloonPhysics
import StationKeeping
import XCTest

/// The registry builds every baseline agent by name and names the known ones when it cannot.
final class AgentRegistryTests: XCTestCase {

    func testItKnowsTheFourBaselineAgentsInOrder() {
        XCTAssertEqual(AgentRegistry.names, ["station-seeker", "random-walk", "random", "perciatelli44"])
    }

    func testEachNameBuildsAnAgentOfThatName() throws {
        for name in AgentRegistry.names {
            XCTAssertEqual(try AgentRegistry.make(name: name, profile: .ble).name, name)
        }
        XCTAssertTrue(try AgentRegistry.make(name: "station-seeker") is StationSeekerAgent)
        XCTAssertTrue(try AgentRegistry.make(name: "perciatelli44") is Perciatelli44Agent)
    }

    func testTheRandomWalkGetsTheProfile() throws {
        for profile in PhysicsProfile.allCases {
            let agent = try XCTUnwrap(try AgentRegistry.make(name: "random-walk", profile: profile) as? RandomWalkAgent)
            XCTAssertEqual(agent.profile, profile)
        }
    }

    func testAnUnknownNameFailsWithOneLineListingTheKnownNames() {
        XCTAssertThrowsError(try AgentRegistry.make(name: "station_seeker")) { error in
            XCTAssertEqual(error as? AgentRegistryError,
                           AgentRegistryError(unknownName: "station_seeker", knownNames: AgentRegistry.names))
            XCTAssertEqual("\(error)",
                           "unknown agent 'station_seeker'; known agents: station-seeker, random-walk, random, perciatelli44")
        }
    }

    func testAnAgentFromTheRegistryFliesAsTheSameAgentBuiltDirectly() throws {
        var fromRegistry = try AgentRegistry.make(name: "random-walk", profile: .corrected)
        var direct = RandomWalkAgent(profile: .corrected)
        for pressure in stride(from: 6_000.0, through: 12_000, by: 25) {
            var synthetic = SyntheticObservation()
            synthetic.setPressure(pressure)
            let observation = synthetic.observation
            if pressure == 6_000 {
                XCTAssertEqual(fromRegistry.beginEpisode(observation: observation, seed: 8),
                               direct.beginEpisode(observation: observation, seed: 8))
            } else {
                XCTAssertEqual(fromRegistry.step(reward: 0.5, observation: observation),
                               direct.step(reward: 0.5, observation: observation), "at \(pressure) Pa")
            }
        }
        fromRegistry.endEpisode(reward: 0.5, terminal: false)
    }
}
