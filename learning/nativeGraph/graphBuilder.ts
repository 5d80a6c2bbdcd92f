import { createRequire } from 'node:module';
import type { TensorOps } from '../tensorOps';

/**
 * Traces `TensorOps` calls into a TensorFlow graph (a GraphDef inside a SavedModel, the form the
 * native engine can load: docs/native-engine.md). A value is the name of a graph output
 * ("node" or "node:index"); shapes stay symbolic, so one graph serves every batch size.
 * Float32 throughout, as the models are.
 */
export class GraphBuilder implements TensorOps<string> {
  private readonly nodes: ProtoNodeDef[] = [];
  private readonly placeholders: { name: string; dtype: GraphInputType }[] = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;

  constructor(private readonly proto: TensorflowProto = loadTensorflowProto()) {}

  /** A graph input (float32 unless said); fed in the order inputs were declared. */
  input(dtype: GraphInputType = 'float32'): string {
    const name = this.node('Placeholder', [], {
      dtype: this.type(dtype === 'int32' ? INT32 : FLOAT),
    });
    this.placeholders.push({ name, dtype });
    return name;
  }

  get inputs(): readonly { name: string; dtype: GraphInputType }[] {
    return this.placeholders;
  }

  matMul(a: string, b: string, transposeA = false, transposeB = false): string {
    return this.node('MatMul', [a, b], {
      T: this.type(FLOAT),
      transpose_a: this.bool(transposeA),
      transpose_b: this.bool(transposeB),
    });
  }

  add(a: string, b: string): string {
    return this.float('AddV2', [a, b]);
  }

  sub(a: string | number, b: string): string {
    return this.float('Sub', [typeof a === 'number' ? this.scalar(a) : a, b]);
  }

  mul(a: string, b: string): string {
    return this.float('Mul', [a, b]);
  }

  div(a: string, b: string): string {
    return this.float('RealDiv', [a, b]);
  }

  maximum(a: string, b: string): string {
    return this.float('Maximum', [a, b]);
  }

  scalar(value: number): string {
    return this.constant(`f${value}`, FLOAT, [], (tensor) => tensor.addFloatVal(value));
  }

  fill(shape: number[], value: number): string {
    return this.node('Fill', [this.ints(shape), this.scalar(value)], {
      T: this.type(FLOAT),
      index_type: this.type(INT32),
    });
  }

  where(mask: string, a: string, b: string): string {
    const condition = this.float('Greater', [mask, this.scalar(0)]);
    return this.float('SelectV2', [condition, a, b]);
  }

  addN(values: string[]): string {
    return this.node('AddN', values, { N: this.int(values.length), T: this.type(FLOAT) });
  }

  sigmoid(x: string): string {
    return this.float('Sigmoid', [x]);
  }

  tanh(x: string): string {
    return this.float('Tanh', [x]);
  }

  square(x: string): string {
    return this.float('Square', [x]);
  }

  sqrt(x: string): string {
    return this.float('Sqrt', [x]);
  }

  exp(x: string): string {
    return this.float('Exp', [x]);
  }

  relu(x: string): string {
    return this.float('Relu', [x]);
  }

  positive(x: string): string {
    const greater = this.float('Greater', [x, this.scalar(0)]);
    return this.node('Cast', [greater], {
      SrcT: this.type(BOOL),
      DstT: this.type(FLOAT),
      Truncate: this.bool(false),
    });
  }

  logSoftmax(x: string): string {
    return this.float('LogSoftmax', [x]);
  }

  sum(x: string, axis: number, keepDims = false): string {
    return this.node('Sum', [x, this.ints(axis)], {
      T: this.type(FLOAT),
      Tidx: this.type(INT32),
      keep_dims: this.bool(keepDims),
    });
  }

  gather(x: string, indices: string): string {
    return this.node('GatherV2', [x, indices, this.ints(0)], {
      Tparams: this.type(FLOAT),
      Tindices: this.type(INT32),
      Taxis: this.type(INT32),
      batch_dims: this.int(0),
    });
  }

  oneHot(indices: string, depth: number): string {
    return this.node('OneHot', [indices, this.ints(depth), this.scalar(1), this.scalar(0)], {
      T: this.type(FLOAT),
      TI: this.type(INT32),
      axis: this.int(-1),
    });
  }

  zerosLike(x: string): string {
    return this.float('ZerosLike', [x]);
  }

  split(x: string, sizes: number[], axis: number): string[] {
    const name = this.node('SplitV', [x, this.ints(sizes), this.ints(axis)], {
      num_split: this.int(sizes.length),
      T: this.type(FLOAT),
      Tlen: this.type(INT32),
    });
    return sizes.map((_, i) => `${name}:${i}`);
  }

  concat(values: string[], axis: number): string {
    return this.node('ConcatV2', [...values, this.ints(axis)], {
      N: this.int(values.length),
      T: this.type(FLOAT),
      Tidx: this.type(INT32),
    });
  }

  stack(values: string[]): string {
    return this.node('Pack', values, {
      N: this.int(values.length),
      T: this.type(FLOAT),
      axis: this.int(0),
    });
  }

  unstack(x: string, count: number): string[] {
    const name = this.node('Unpack', [x], {
      num: this.int(count),
      T: this.type(FLOAT),
      axis: this.int(0),
    });
    return Array.from({ length: count }, (_, i) => `${name}:${i}`);
  }

  reshape(x: string, shape: number[]): string {
    return this.node('Reshape', [x, this.ints(shape)], {
      T: this.type(FLOAT),
      Tshape: this.type(INT32),
    });
  }

  sumRows(x: string): string {
    return this.sum(x, 0);
  }

  /** The graph as a SavedModel's `saved_model.pb` (tag "serve", no variables, no signatures). */
  savedModel(): Uint8Array {
    const { proto } = this;
    const graph = new proto.GraphDef();
    for (const node of this.nodes) {
      graph.addNode(node);
    }
    const info = new proto.MetaGraphDef.MetaInfoDef();
    info.addTags(savedModelTag);
    const metaGraph = new proto.MetaGraphDef();
    metaGraph.setMetaInfoDef(info);
    metaGraph.setGraphDef(graph);
    const model = new proto.SavedModel();
    model.setSavedModelSchemaVersion(1);
    model.addMetaGraphs(metaGraph);
    return model.serializeBinary();
  }

  private float(op: string, inputs: string[]): string {
    return this.node(op, inputs, { T: this.type(FLOAT) });
  }

  private node(op: string, inputs: string[], attrs: Record<string, ProtoAttrValue>): string {
    const node = new this.proto.NodeDef();
    const name = `${op.toLowerCase()}_${this.counter++}`;
    node.setName(name);
    node.setOp(op);
    inputs.forEach((input) => node.addInput(input));
    const attrMap = node.getAttrMap();
    for (const [key, value] of Object.entries(attrs)) {
      attrMap.set(key, value);
    }
    this.nodes.push(node);
    return name;
  }

  /** An int32 constant: a scalar for a number, a vector for an array (one node per value). */
  private ints(value: number | number[]): string {
    const values = typeof value === 'number' ? [value] : value;
    const shape = typeof value === 'number' ? [] : [values.length];
    return this.constant(`i${JSON.stringify(value)}`, INT32, shape, (tensor) =>
      values.forEach((v) => tensor.addIntVal(v)),
    );
  }

  private constant(
    key: string,
    dtype: number,
    shape: number[],
    fill: (tensor: ProtoTensor) => void,
  ): string {
    const known = this.constants.get(key);
    if (known !== undefined) {
      return known;
    }
    const { proto } = this;
    const tensorShape = new proto.TensorShape();
    for (const size of shape) {
      const dim = new proto.TensorShape.Dim();
      dim.setSize(size);
      tensorShape.addDim(dim);
    }
    const tensor = new proto.Tensor();
    tensor.setDtype(dtype);
    tensor.setTensorShape(tensorShape);
    fill(tensor);
    const value = new proto.AttrValue();
    value.setTensor(tensor);
    const name = this.node('Const', [], { dtype: this.type(dtype), value });
    this.constants.set(key, name);
    return name;
  }

  private type(dtype: number): ProtoAttrValue {
    const value = new this.proto.AttrValue();
    value.setType(dtype);
    return value;
  }

  private int(i: number): ProtoAttrValue {
    const value = new this.proto.AttrValue();
    value.setI(i);
    return value;
  }

  private bool(b: boolean): ProtoAttrValue {
    const value = new this.proto.AttrValue();
    value.setB(b);
    return value;
  }
}

export const savedModelTag = 'serve';

export type GraphInputType = 'float32' | 'int32';

// TensorFlow's DataType enum (types.proto).
const FLOAT = 1;
const INT32 = 3;
const BOOL = 10;

// The parts of TensorFlow's protocol buffers used here. The classes come from the generated
// code that `@tensorflow/tfjs-node` ships for reading SavedModels: the native engine is that
// package, so wherever a graph can run, the classes are there.
interface ProtoMessage {
  serializeBinary(): Uint8Array;
}
interface ProtoAttrValue extends ProtoMessage {
  setType(dtype: number): void;
  setI(i: number): void;
  setB(b: boolean): void;
  setTensor(tensor: ProtoTensor): void;
}
interface ProtoTensor extends ProtoMessage {
  setDtype(dtype: number): void;
  setTensorShape(shape: ProtoTensorShape): void;
  addFloatVal(value: number): void;
  addIntVal(value: number): void;
}
interface ProtoTensorShape extends ProtoMessage {
  addDim(dim: ProtoDim): void;
}
interface ProtoDim extends ProtoMessage {
  setSize(size: number): void;
}
interface ProtoNodeDef extends ProtoMessage {
  setName(name: string): void;
  setOp(op: string): void;
  addInput(input: string): void;
  getAttrMap(): { set(key: string, value: ProtoAttrValue): void };
}
interface ProtoGraphDef extends ProtoMessage {
  addNode(node: ProtoNodeDef): void;
}
interface ProtoMetaInfoDef extends ProtoMessage {
  addTags(tag: string): void;
}
interface ProtoMetaGraphDef extends ProtoMessage {
  setMetaInfoDef(info: ProtoMetaInfoDef): void;
  setGraphDef(graph: ProtoGraphDef): void;
}
interface ProtoSavedModel extends ProtoMessage {
  setSavedModelSchemaVersion(version: number): void;
  addMetaGraphs(metaGraph: ProtoMetaGraphDef): void;
}

export interface TensorflowProto {
  AttrValue: new () => ProtoAttrValue;
  Tensor: new () => ProtoTensor;
  TensorShape: (new () => ProtoTensorShape) & { Dim: new () => ProtoDim };
  NodeDef: new () => ProtoNodeDef;
  GraphDef: new () => ProtoGraphDef;
  MetaGraphDef: (new () => ProtoMetaGraphDef) & { MetaInfoDef: new () => ProtoMetaInfoDef };
  SavedModel: new () => ProtoSavedModel;
}

function loadTensorflowProto(): TensorflowProto {
  const require = createRequire(import.meta.url);
  return require('@tensorflow/tfjs-node/dist/proto/api_pb.js') as TensorflowProto;
}
