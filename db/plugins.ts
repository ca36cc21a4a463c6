import {
  BinaryOperationNode,
  OperationNodeTransformer,
  OperatorNode,
  PrimitiveValueListNode,
  ValueListNode,
  ValueNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

class EmptyInTransformer extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode): BinaryOperationNode {
    const op = OperatorNode.is(node.operator) ? node.operator.operator : undefined;
    const right = node.rightOperand;
    const empty = (PrimitiveValueListNode.is(right) || ValueListNode.is(right)) && right.values.length === 0;
    if (empty && (op === "in" || op === "not in")) {
      // `x in ()` is a syntax error on PostgreSQL (SQLite reads it as false): say what it means.
      return BinaryOperationNode.create(ValueNode.createImmediate(1), OperatorNode.create("="), ValueNode.createImmediate(op === "in" ? 0 : 1));
    }
    return super.transformBinaryOperation(node);
  }
}

/**
 * `where(col, "in", [])` matches nothing and `not in []` everything, on both engines: an empty list
 * is compiled to `1 = 0` (or `1 = 1`) instead of `in ()`, which PostgreSQL refuses. Installed on
 * every database the app opens (db/client.ts), so no query needs its own guard.
 */
export class EmptyInPlugin implements KyselyPlugin {
  readonly #transformer = new EmptyInTransformer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
