import BLEModels
import XCTest

final class TensorFlowGraphTests: XCTestCase {

    func testNodesKeepNameOpAndInputs() throws {
        let graph = try TensorFlowGraph(bytes: Protobuf.graph([
            Protobuf.node("x", op: "Placeholder"),
            Protobuf.node("y", op: "Relu", inputs: ["x", "^z"]),
        ]) + Protobuf.bytesField(4, Protobuf.varintField(1, 27)))  // GraphDef.versions is skipped
        XCTAssertEqual(graph.nodes.map(\.name), ["x", "y"])
        XCTAssertEqual(graph.nodes.map(\.op), ["Placeholder", "Relu"])
        XCTAssertEqual(graph.node(named: "y")?.inputs, ["x", "^z"])
        XCTAssertNil(graph.node(named: "x")?.constant)
    }

    func testFloatConstantsAreReadFromTensorContent() throws {
        let tensor = Protobuf.floatTensor(shape: [2, 2], values: [1, -2, 3.5, 0])
        let graph = try TensorFlowGraph(bytes: Protobuf.graph([Protobuf.node("w", op: "Const", tensor: tensor)]))
        let constant = try XCTUnwrap(graph.node(named: "w")?.constant)
        XCTAssertEqual(constant.dtype, TensorFlowGraph.floatDType)
        XCTAssertEqual(constant.floats, ModelTensor(shape: [2, 2], values: [1, -2, 3.5, 0]))
    }

    func testFloatConstantsAreReadFromPackedOrRepeatedFloatVal() throws {
        let packed = Protobuf.varintField(1, 1) + Protobuf.bytesField(2, Protobuf.shape([3]))
            + Protobuf.bytesField(5, littleEndianBytes([1, 2, 3]))
        let repeated = Protobuf.varintField(1, 1) + Protobuf.bytesField(2, Protobuf.shape([2]))
            + Protobuf.fixed32Field(5, Float(4).bitPattern) + Protobuf.fixed32Field(5, Float(5).bitPattern)
        let graph = try TensorFlowGraph(bytes: Protobuf.graph([
            Protobuf.node("packed", op: "Const", tensor: packed),
            Protobuf.node("repeated", op: "Const", tensor: repeated),
        ]))
        XCTAssertEqual(graph.node(named: "packed")?.constant?.floats?.values, [1, 2, 3])
        XCTAssertEqual(graph.node(named: "repeated")?.constant?.floats?.values, [4, 5])
    }

    func testShortFloatValListsRepeatTheirLastValueAsTensorFlowDoes() throws {
        let filled = Protobuf.varintField(1, 1) + Protobuf.bytesField(2, Protobuf.shape([2, 2]))
            + Protobuf.fixed32Field(5, Float(7).bitPattern)
        let zeros = Protobuf.varintField(1, 1) + Protobuf.bytesField(2, Protobuf.shape([3]))
        let graph = try TensorFlowGraph(bytes: Protobuf.graph([
            Protobuf.node("filled", op: "Const", tensor: filled), Protobuf.node("zeros", op: "Const", tensor: zeros),
        ]))
        XCTAssertEqual(graph.node(named: "filled")?.constant?.floats?.values, [7, 7, 7, 7])
        XCTAssertEqual(graph.node(named: "zeros")?.constant?.floats?.values, [0, 0, 0])
    }

    func testNonFloatConstantsKeepTheirTypeAndShapeButNoValues() throws {
        let int32 = Protobuf.varintField(1, 3) + Protobuf.bytesField(2, Protobuf.shape([3]))
            + Protobuf.bytesField(4, [255, 255, 255, 255, 3, 0, 0, 0, 51, 0, 0, 0])
        let graph = try TensorFlowGraph(bytes: Protobuf.graph([Protobuf.node("shape", op: "Const", tensor: int32)]))
        let constant = try XCTUnwrap(graph.node(named: "shape")?.constant)
        XCTAssertEqual(constant.dtype, 3)
        XCTAssertEqual(constant.shape, [3])
        XCTAssertNil(constant.floats)
    }

    func testMalformedConstantsAreRejectedNamingTheNode() {
        let short = Protobuf.varintField(1, 1) + Protobuf.bytesField(2, Protobuf.shape([2, 2]))
            + Protobuf.bytesField(4, littleEndianBytes([1, 2]))
        XCTAssertThrowsError(try TensorFlowGraph(bytes: Protobuf.graph([Protobuf.node("w", op: "Const", tensor: short)]))) {
            XCTAssertEqual("\($0)", "node 'w': tensor_content has 8 bytes, shape [2, 2] needs 16")
        }
        XCTAssertThrowsError(try TensorFlowGraph(bytes: Protobuf.graph([Protobuf.node("c", op: "Const")]))) {
            XCTAssertEqual("\($0)", "node 'c': Const node has no 'value' attribute")
        }
        XCTAssertThrowsError(try TensorFlowGraph(bytes: Protobuf.graph([Protobuf.stringField(2, "Relu")]))) {
            XCTAssertEqual("\($0)", "node #0 has no name")
        }
    }
}
