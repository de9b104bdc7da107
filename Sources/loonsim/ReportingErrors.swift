import ArgumentParser

/// A failure to show the user as one line, with exit status 1.
struct UserFacingError: Error, CustomStringConvertible {
    var description: String
}

/// Runs `body`, turning any error into one line on standard error and exit status 1
/// (ArgumentParser prints `Error: <description>`).
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        let text = "\(error)".replacingOccurrences(of: "\n", with: " ")
        throw UserFacingError(description: text)
    }
}
