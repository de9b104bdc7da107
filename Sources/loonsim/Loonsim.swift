import ArgumentParser

/// The `loonsim` command: stratospheric-balloon station keeping, faithful to BLE.
@main
struct Loonsim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loonsim",
        abstract: "Stratospheric-balloon station keeping: BLE's physics and benchmark, in Swift.",
        version: "0.1.0",
        subcommands: [EvaluateCommand.self, CompareCommand.self, MergeShardsCommand.self, TrainCommand.self, ReplayCommand.self, WindsCommand.self,
                      ModelsCommand.self])
}
