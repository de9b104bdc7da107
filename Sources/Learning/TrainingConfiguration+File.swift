import FileErrors
import Foundation

/// A training configuration file that cannot be used: `file: problem`, one line.
public typealias TrainingConfigurationError = FileError

extension TrainingConfiguration {
    /// Reads a configuration file: JSON whose keys are a subset of the settings (the rest keep
    /// their defaults).
    ///
    /// - Throws: ``TrainingConfigurationError`` for a missing or unreadable file, JSON that does not
    ///   parse, an unknown key (named with its path, e.g. `learner.batchsize`), a value of the wrong
    ///   type, or impossible values (``problems``).
    public static func read(from path: String) throws -> TrainingConfiguration {
        func fail(_ problem: String) -> TrainingConfigurationError { TrainingConfigurationError(file: path, problem: problem) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw fail("no such configuration file") }
        guard !isDirectory.boolValue else { throw fail("is a folder, not a configuration file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot be read") }
        let configuration = try decode(data, fail: fail)
        let problems = configuration.problems
        guard problems.isEmpty else { throw fail(problems.joined(separator: "; ")) }
        return configuration
    }

    /// Decodes a configuration from JSON `data` laid over the defaults (see ``read(from:)``).
    static func decode(_ data: Data, fail: (String) -> Error) throws -> TrainingConfiguration {
        let given: Any
        do {
            given = try JSONSerialization.jsonObject(with: data)
        } catch {
            // Foundation says where ("… around line 3, column 25."); keep that part.
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String)?
                .trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            throw fail("is not valid JSON" + (detail.map { " (\($0))" } ?? ""))
        }
        guard let givenObject = given as? [String: Any] else { throw fail("must hold one JSON object") }
        // The defaults, with every optional setting present, give the full set of known keys.
        var probe = TrainingConfiguration()
        probe.initialWeights = ""
        probe.budget.wallSeconds = 0
        probe.optimizer.adam.maxGradientNorm = 0
        probe.warmStart.studentFliesFromEnvSteps = 0
        let known = try JSONSerialization.jsonObject(with: JSONEncoder().encode(probe)) as! [String: Any]
        if let unknown = unknownKey(in: givenObject, known: known, path: "") {
            throw fail("unknown setting '\(unknown)'")
        }
        guard (givenObject["budget"] as? [String: Any])?["envSteps"] != nil else {
            throw fail("gives no budget: add \"budget\": {\"envSteps\": N} (the environment steps to train for; there is no default)")
        }
        let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(TrainingConfiguration())) as! [String: Any]
        let merged = overlay(givenObject, on: defaults)
        do {
            return try JSONDecoder().decode(TrainingConfiguration.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            throw fail("bad value for '\(context.codingPath.map(\.stringValue).joined(separator: "."))' (expected \(Self.kind(of: type)))")
        } catch let DecodingError.dataCorrupted(context) {
            throw fail("bad value for '\(context.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch {
            throw fail("cannot be read as a training configuration (\(error))")
        }
    }

    /// How a configuration file spells a value of `type`, for error messages.
    static func kind(of type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is UInt64.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is [Any].Type, is [Int].Type, is [Double].Type, is [Float].Type, is [String].Type: return "a list"
        default: return "another kind of value"
        }
    }

    /// The dotted path of the first key of `given` that `known` lacks, descending into objects.
    static func unknownKey(in given: [String: Any], known: [String: Any], path: String) -> String? {
        for key in given.keys.sorted() {
            let dotted = path.isEmpty ? key : path + "." + key
            guard let knownValue = known[key] else { return dotted }
            if let givenChild = given[key] as? [String: Any], let knownChild = knownValue as? [String: Any],
               let unknown = unknownKey(in: givenChild, known: knownChild, path: dotted) {
                return unknown
            }
        }
        return nil
    }

    /// `given` laid over `defaults`, object by object.
    static func overlay(_ given: [String: Any], on defaults: [String: Any]) -> [String: Any] {
        var result = defaults
        for (key, value) in given {
            if let child = value as? [String: Any], let base = defaults[key] as? [String: Any] {
                result[key] = overlay(child, on: base)
            } else {
                result[key] = value
            }
        }
        return result
    }

    /// The configuration as pretty, key-sorted JSON (what a run directory keeps).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
