import ArgumentParser

/// `loonsim winds …`: look at and make wind grids.
struct WindsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winds",
        abstract: "Inspect, generate and import wind grids.",
        subcommands: [])
}
