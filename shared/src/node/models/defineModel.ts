import mongoose, { type Model, type Schema } from 'mongoose';

/**
 * Registers a model on the default mongoose connection once. Reuses the existing model when a
 * module is evaluated twice (tsx watch, vitest module reloads) instead of throwing
 * OverwriteModelError.
 */
export function defineModel<T>(name: string, schema: Schema<T>): Model<T> {
  const existing = mongoose.models[name] as Model<T> | undefined;
  return existing ?? mongoose.model<T>(name, schema);
}
