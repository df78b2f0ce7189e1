/** Public API of the device-physics part (MTJ parameters, solver, maps, behavioural model, calibration, readout, energy). */
export * from './errors.ts';
export * from './parameters.ts';
export { diskDemagFactors, type DemagFactors } from './demag.ts';
export { Rng, hashKey, mix32 } from '../common/rng.ts';
export { MacrospinSolver, type SolverOptions, type MtjState, type Pulse } from './llg.ts';
export { absMzCdf, neelBrownTime, neelDiffusionTime, thermalSwitchProbability, uniaxialMeanFirstPassageTime } from './thermal.ts';
export { wilson, twoProportionZ, type Estimate } from './stats.ts';
export {
  computeMap, computeShard, mergeShards, mapEstimate, readMapFile, writeMap, serialiseMap, standardMapSpec, defaultMapSolver,
  linspace, runPoints, validateMapSpec, type MapSpec, type MapShard, type SwitchingMap, type MapSolverSettings, type RunOptions,
} from './switching-map.ts';
export { BehaviouralModel, defaultTablePath, type BehaviouralTable, type VariationSigmas } from './behavioural-model.ts';
export { calibrate, calibrateBatch, dacLevels, widthLevels, type Calibration, type CalibrationOptions, type PulseGrid } from './calibration.ts';
export { probabilityToThreshold, thresholdToProbability, decideSwitch, switchDecisions, DEFAULT_THRESHOLD_BITS } from './thresholds.ts';
export { readoutModel, type Readout, type ReadoutOptions } from './readout.ts';
export { energyPerWrite, energyPerRead, type WriteEnergy, type ReadEnergy, type WriteEnergyOptions, type ReadEnergyOptions } from './energy.ts';
export { deviceAtTemperature, msRatio, defaultThermalLaws, type ThermalLaws } from './temperature.ts';
export { deviceAfterPulses, deviceWithKeffChange, keffDrift, defaultWearLaw, type WearLaw } from './wear.ts';
