// α's public face for the pipeline: load the shipped writeprint model as an `Identifier`.
export { DEFAULT_MODEL_FILE, loadIdentifier, WriteprintIdentifier } from './identifier.js';
export { WriteprintProfile, type ProfileJson } from './profile.js';
export { WriteprintVector } from './space.js';
