import { BufferJSON, proto, type SignalDataTypeMap } from '@whiskeysockets/baileys';

/** Serialises creds or a key with Baileys' BufferJSON (Buffers become base64 objects). */
export function encodeAuth(value: unknown): string {
  return JSON.stringify(value, BufferJSON.replacer);
}

/** Parses a value written by `encodeAuth`, restoring Buffers. */
export function decodeAuth<T>(data: string): T {
  return JSON.parse(data, BufferJSON.reviver) as T;
}

/** Decodes a stored Signal key; app-state sync keys are protobuf objects in Baileys' store. */
export function decodeKey<T extends keyof SignalDataTypeMap>(type: T, data: string): SignalDataTypeMap[T] {
  const value = decodeAuth<SignalDataTypeMap[T]>(data);
  if (type === 'app-state-sync-key') {
    return proto.Message.AppStateSyncKeyData.fromObject(value as object) as unknown as SignalDataTypeMap[T];
  }
  return value;
}
