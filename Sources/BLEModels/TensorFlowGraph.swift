/// The nodes of a TensorFlow `GraphDef` (a frozen TF1 graph such as `perciatelli44.pb`),
/// read straight from protobuf wire format without TensorFlow.
///
/// Only what a frozen MLP needs is decoded: each node's name, op and inputs, and
/// the `value` attribute of `Const` nodes (`AttrValue.tensor`, a `TensorProto`).
/// Field numbers are those of TensorFlow's `graph.proto`, `node_def.proto`,
/// `attr_value.proto`, `tensor.proto` and `tensor_shape.proto`.
public struct TensorFlowGraph: Sendable {

    /// One node of the graph.
    public struct Node: Sendable {
        /// The node's unique name (`Online/fully_connected/weights`).
        public var name: String
        /// The operation (`Const`, `MatMul`, `Placeholder` …).
        public var op: String
        /// The names of the nodes it reads, in order (`^name` marks a control input).
        public var inputs: [String]
        /// The tensor in the `value` attribute, for `Const` nodes; nil otherwise.
        public var constant: Constant?
    }

    /// A constant tensor: its element type, shape and, for float32, its values.
    public struct Constant: Sendable {
        /// TensorFlow's `DataType` number (1 = float32, 3 = int32 …).
        public var dtype: Int
        /// The extents, slowest first.
        public var shape: [Int]
        /// The values, for float32 tensors; nil for any other element type.
        public var floats: ModelTensor?
    }

    /// TensorFlow's `DT_FLOAT`.
    public static let floatDType = 1

    /// The nodes in file order.
    public var nodes: [Node]

    /// Decodes `GraphDef` bytes. Errors are ``WireFormatError``s or ``GraphError``s that say which node is bad.
    public init(bytes: [UInt8]) throws {
        var reader = ProtobufWireReader(bytes)
        var nodes: [Node] = []
        while let field = try reader.nextField() {
            guard field.number == GraphField.node else { continue }
            guard let nodeBytes = field.bytes else { throw GraphError(node: nil, problem: "node field is not a message") }
            nodes.append(try Self.decodeNode(nodeBytes, index: nodes.count))
        }
        self.nodes = nodes
    }

    /// The node called `name`, if any.
    public func node(named name: String) -> Node? {
        nodes.first { $0.name == name }
    }

    // MARK: - Field numbers (TensorFlow's .proto files)

    private enum GraphField { static let node = 1 }
    private enum NodeField { static let name = 1, op = 2, input = 3, attr = 5 }
    private enum MapEntryField { static let key = 1, value = 2 }
    private enum AttrValueField { static let tensor = 8 }
    private enum TensorField { static let dtype = 1, shape = 2, content = 4, floatVal = 5 }
    private enum ShapeField { static let dim = 2, unknownRank = 3 }
    private enum DimField { static let size = 1 }

    // MARK: - Decoding

    private static func decodeNode(_ bytes: ArraySlice<UInt8>, index: Int) throws -> Node {
        var name: String?
        var op = ""
        var inputs: [String] = []
        var valueAttribute: ArraySlice<UInt8>?
        var reader = ProtobufWireReader(bytes)
        while let field = try reader.nextField() {
            switch field.number {
            case NodeField.name: name = field.string
            case NodeField.op: op = field.string ?? ""
            case NodeField.input: if let input = field.string { inputs.append(input) }
            case NodeField.attr:
                guard let entry = field.bytes else { continue }
                var entryReader = ProtobufWireReader(entry)
                var key: String?
                var value: ArraySlice<UInt8>?
                while let entryField = try entryReader.nextField() {
                    if entryField.number == MapEntryField.key { key = entryField.string }
                    if entryField.number == MapEntryField.value { value = entryField.bytes }
                }
                if key == "value" { valueAttribute = value ?? [] }
            default: continue
            }
        }
        guard let name else { throw GraphError(node: nil, problem: "node #\(index) has no name") }
        var constant: Constant?
        if op == "Const" {
            guard let valueAttribute else { throw GraphError(node: name, problem: "Const node has no 'value' attribute") }
            var attrReader = ProtobufWireReader(valueAttribute)
            var tensorBytes: ArraySlice<UInt8>?
            while let field = try attrReader.nextField() {
                if field.number == AttrValueField.tensor { tensorBytes = field.bytes }
            }
            guard let tensorBytes else { throw GraphError(node: name, problem: "'value' attribute holds no tensor") }
            constant = try decodeTensor(tensorBytes, node: name)
        }
        return Node(name: name, op: op, inputs: inputs, constant: constant)
    }

    private static func decodeTensor(_ bytes: ArraySlice<UInt8>, node: String) throws -> Constant {
        var dtype = 0
        var shape: [Int] = []
        var content: ArraySlice<UInt8>?
        var floatValues: [Float] = []
        var reader = ProtobufWireReader(bytes)
        while let field = try reader.nextField() {
            switch (field.number, field.value) {
            case (TensorField.dtype, .varint(let value)): dtype = Int(truncatingIfNeeded: value)
            case (TensorField.shape, .lengthDelimited(let shapeBytes)): shape = try decodeShape(shapeBytes, node: node)
            case (TensorField.content, .lengthDelimited(let raw)): content = raw
            case (TensorField.floatVal, .lengthDelimited(let packed)):
                floatValues += try ProtobufWireReader.packedFloats(packed)
            case (TensorField.floatVal, .fixed32(let bits)): floatValues.append(Float(bitPattern: bits))
            default: continue
            }
        }
        guard dtype == floatDType else { return Constant(dtype: dtype, shape: shape, floats: nil) }
        let count = shape.reduce(1, *)
        let values: [Float]
        if let content {
            guard content.count == 4 * count else {
                throw GraphError(node: node, problem: "tensor_content has \(content.count) bytes, shape \(shape) needs \(4 * count)")
            }
            values = littleEndianFloats(content)
        } else if floatValues.count == count {
            values = floatValues
        } else if floatValues.count < count {
            // TensorFlow's rule for short value lists: repeat the last value (zeros when there is none).
            values = floatValues + [Float](repeating: floatValues.last ?? 0, count: count - floatValues.count)
        } else {
            throw GraphError(node: node, problem: "float_val has \(floatValues.count) values, shape \(shape) holds \(count)")
        }
        return Constant(dtype: dtype, shape: shape, floats: ModelTensor(shape: shape, values: values))
    }

    private static func decodeShape(_ bytes: ArraySlice<UInt8>, node: String) throws -> [Int] {
        var shape: [Int] = []
        var reader = ProtobufWireReader(bytes)
        while let field = try reader.nextField() {
            if field.number == ShapeField.unknownRank, field.varint != 0 {
                throw GraphError(node: node, problem: "constant tensor has unknown rank")
            }
            guard field.number == ShapeField.dim, let dimBytes = field.bytes else { continue }
            var size: Int64 = 0
            var dimReader = ProtobufWireReader(dimBytes)
            while let dimField = try dimReader.nextField() {
                if dimField.number == DimField.size, let raw = dimField.varint { size = Int64(bitPattern: raw) }
            }
            guard size >= 0, size <= Int64(Int32.max) else {
                throw GraphError(node: node, problem: "constant tensor has extent \(size)")
            }
            shape.append(Int(size))
        }
        return shape
    }
}

/// A `GraphDef` whose nodes are not what TensorFlow writes.
public struct GraphError: Error, CustomStringConvertible, Sendable {
    /// The node's name, when known.
    public var node: String?
    /// What is wrong with it.
    public var problem: String
    public var description: String { node.map { "node '\($0)': \(problem)" } ?? problem }
}
