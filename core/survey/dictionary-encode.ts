/**
 * Dictionary encoding of a label column: codes 0..k-1 in order of first appearance (as R's `unique()`),
 * missing labels (null, undefined, '' or 'NA') coded −1.
 */
export interface EncodedFactor {
  readonly codes: Int32Array;
  readonly labels: string[];
}

export function dictionaryEncode(values: ArrayLike<string | number | null | undefined>): EncodedFactor {
  const codes = new Int32Array(values.length);
  const index = new Map<string, number>();
  const labels: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '' || v === 'NA' || (typeof v === 'number' && Number.isNaN(v))) {
      codes[i] = -1;
      continue;
    }
    const key = String(v);
    let code = index.get(key);
    if (code === undefined) {
      code = labels.length;
      index.set(key, code);
      labels.push(key);
    }
    codes[i] = code;
  }
  return { codes, labels };
}
