import ExperimentSupport
import Foundation
import TestSupport
import XCTest

/// Where the tests look for BLE's export: CI hides it with `LOONSIM_BLE_DATA=/nonexistent`, so the
/// variable must win over `../shared/data/ble`, and a folder that does not exist must mean "no export".
final class BLEExportLocationTests: XCTestCase {
    func testTheVariableNamesAnExistingFolder() throws {
        let folder = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        XCTAssertEqual(BLEExport.directory(environment: [BLEExport.directoryVariable: folder]),
                       (folder as NSString).standardizingPath)
    }

    func testAVariableNamingNoFolderPutsTheExportOutOfReach() {
        XCTAssertNil(BLEExport.directory(environment: [BLEExport.directoryVariable: "/nonexistent"]))
        let file = SharedData.repositoryRoot + "/Package.swift"  // a file is not a folder
        XCTAssertNil(BLEExport.directory(environment: [BLEExport.directoryVariable: file]))
    }

    func testWithoutTheVariableTheExportIsTheFolderBesideTheCheckout() {
        let beside = ((SharedData.repositoryRoot as NSString).appendingPathComponent("../shared/data/ble") as NSString)
            .standardizingPath
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: beside, isDirectory: &isDirectory) && isDirectory.boolValue
        for environment in [[:], [BLEExport.directoryVariable: ""]] {
            XCTAssertEqual(BLEExport.directory(environment: environment), exists ? beside : nil)
        }
    }
}
