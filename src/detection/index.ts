// β's public face for the pipeline and the CLI: load the shipped detector model as a `Detector`.
export { DEFAULT_MODEL_FILE, LinearDetector, loadDetector, type DetectionScores } from './detector.js';
export { ModelFileError } from './model-file.js';
