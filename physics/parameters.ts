/**
 * Device parameters of a perpendicular CoFeB/MgO VCMA MTJ (MeRAM cell), the quantities derived from them, their
 * validation and a human-readable description. SI units throughout; fields carry their unit in their name.
 * Every dependent quantity (barrier, critical voltage, frequency, resistance, capacitance) is computed here, never typed.
 */
import { DeviceParamError, BreakdownError } from './errors.ts';
import { diskDemagFactors, type DemagFactors } from './demag.ts';

/** Vacuum permeability μ0 (T·m/A). */
export const MU0 = 4e-7 * Math.PI;
/** Boltzmann constant (J/K). */
export const KB = 1.380649e-23;
/** Vacuum permittivity ε0 (F/m). */
export const EPS0 = 8.8541878128e-12;
/** Attempt time τ0 of thermally activated switching (s); the usual 1 ns (f0 ≈ 1 GHz) of physics.md. */
export const ATTEMPT_TIME_S = 1e-9;

/** The parameter set of one MTJ. `biasFieldT` is the in-plane bias μ0H along +x; `strayFieldT` the perpendicular one along +z. */
export interface DeviceParams {
  /** Free-layer (pillar) diameter (m). */
  readonly diameterM: number;
  /** Free-layer thickness t_f (m). */
  readonly freeLayerThicknessM: number;
  /** MgO barrier thickness t_ox (m). */
  readonly oxideThicknessM: number;
  /** Saturation magnetisation Ms (A/m). */
  readonly msAPerM: number;
  /** Gilbert damping α (dimensionless). */
  readonly damping: number;
  /** Interface anisotropy energy density K_i at zero voltage (J/m²). */
  readonly kiJPerM2: number;
  /** VCMA coefficient ξ (J/(V·m)); a positive voltage lowers the anisotropy by ξ V / t_ox. */
  readonly xiJPerVM: number;
  /** In-plane bias field μ0 H_x (T). */
  readonly biasFieldT: number;
  /** Perpendicular stray field μ0 H_z from the reference layer (T); breaks the P/AP symmetry when non-zero. */
  readonly strayFieldT: number;
  /** Temperature (K). */
  readonly temperatureK: number;
  /** Resistance-area product of the parallel state at low bias (Ω·m²). */
  readonly raOhmM2: number;
  /** Zero-bias TMR ratio (R_AP − R_P) / R_P. */
  readonly tmr0: number;
  /** Bias at which the TMR has halved, V_h in TMR(V) = TMR0 / (1 + (V/V_h)²) (V). */
  readonly tmrHalfVoltageV: number;
  /** Relative permittivity of MgO. */
  readonly epsMgO: number;
  /** MgO breakdown field (V/m); pulses beyond E_bd · t_ox are rejected. */
  readonly breakdownFieldVPerM: number;
  /** Gyromagnetic ratio γ (rad/(s·T)). */
  readonly gammaRadPerST: number;
}

/**
 * The default device. Paper numbers: 100 nm diameter, ξ = 40 fJ/(V·m), TMR 220 %. The rest follows the worked example of
 * physics.md (t_f 1.1 nm, Ms 1.1e6 A/m, t_ox 1.5 nm, α 0.02, T 300 K) except two choices, made because with the exact
 * disk demagnetising factors (N_z − N_x = 0.943) the worked example's K_i = 0.815 mJ/m² gives B_k,eff(0) = 43 mT,
 * barely above its 40 mT bias, so the barrier with the bias is only ≈ 0.3 k_BT (its Δ ≈ 50 ignores the bias field):
 * K_i = 0.825 mJ/m² and a 20 mT bias, giving Δ ≈ 30 (retention τ0 e^Δ ≈ 4 h, ample between a noise write and its
 * read), V_c ≈ 1.35 V and a 0.56 GHz precession at V_c. Our choices too: RA 1000 Ω·µm², V_h 0.5 V, ε_MgO 9.8,
 * breakdown 1.3 V/nm (ns-pulse breakdown of thin MgO is reported at about 1-1.5 V/nm), no stray field.
 *
 * @example
 * const p = { ...defaultDeviceParams, temperatureK: 350 };
 */
export const defaultDeviceParams: DeviceParams = Object.freeze({
  diameterM: 100e-9,
  freeLayerThicknessM: 1.1e-9,
  oxideThicknessM: 1.5e-9,
  msAPerM: 1.1e6,
  damping: 0.02,
  kiJPerM2: 0.825e-3,
  xiJPerVM: 40e-15,
  biasFieldT: 0.02,
  strayFieldT: 0,
  temperatureK: 300,
  raOhmM2: 1000e-12,
  tmr0: 2.2,
  tmrHalfVoltageV: 0.5,
  epsMgO: 9.8,
  breakdownFieldVPerM: 1.3e9,
  gammaRadPerST: 1.76e11,
});

/** Quantities derived from a {@link DeviceParams}; all at zero voltage unless named otherwise. */
export interface DerivedQuantities {
  readonly areaM2: number;
  readonly volumeM3: number;
  readonly demag: DemagFactors;
  /** Shape anisotropy ½ μ0 Ms² (N_z − N_x) (J/m³). */
  readonly shapeAnisotropyJPerM3: number;
  /** Effective anisotropy K_i/t_f − ½ μ0 Ms² (N_z − N_x) (J/m³). */
  readonly effectiveAnisotropyJPerM3: number;
  /** Interface anisotropy field μ0 H_k(0) = 2 K_i / (Ms t_f) (T). */
  readonly anisotropyFieldT: number;
  /** Effective anisotropy field μ0 H_k,eff(0) (T). */
  readonly effectiveAnisotropyFieldT: number;
  /** Critical voltage V_c where H_k,eff = 0 (V). */
  readonly criticalVoltageV: number;
  /** Voltage where the barrier with the in-plane bias vanishes, V_c (1 − B_x / B_k,eff(0)) (V). */
  readonly barrierVanishingVoltageV: number;
  /** Barrier without bias field, K_eff V / k_B T. */
  readonly barrierNoFieldKT: number;
  /** Thermal stability Δ with the bias field, Δ0 (1 − B_x/B_k,eff)² (Stoner-Wohlfarth, transverse field). */
  readonly thermalStability: number;
  /** Retention time τ0 e^Δ (s). */
  readonly retentionTimeS: number;
  /** m_z of the zero-voltage equilibrium, √(1 − (B_x/B_k,eff)²). */
  readonly equilibriumMz: number;
  /** Precession frequency at V_c (H_k,eff = 0): γ B_x / (2π (1 + α²)) (Hz). */
  readonly precessionFrequencyAtVcHz: number;
  /** Damping time (1 + α²) / (α ω) at V_c (s). */
  readonly dampingTimeS: number;
  readonly resistancePOhm: number;
  readonly resistanceAPOhm: number;
  /** Barrier capacitance ε0 ε_MgO A / t_ox (F). */
  readonly capacitanceF: number;
  /** Largest allowed |voltage| E_bd t_ox (V). */
  readonly breakdownVoltageV: number;
}

/** Interface anisotropy field μ0 H_k(V) = 2 (K_i − ξ V / t_ox) / (Ms t_f) (T). */
export function anisotropyFieldAt(p: DeviceParams, voltageV: number): number {
  return (2 * (p.kiJPerM2 - (p.xiJPerVM * voltageV) / p.oxideThicknessM)) / (p.msAPerM * p.freeLayerThicknessM);
}

/**
 * Effective perpendicular anisotropy field μ0 H_k,eff(V) = μ0 H_k(V) − μ0 Ms (N_z − N_x) (T).
 *
 * @example
 * effectiveAnisotropyFieldAt(defaultDeviceParams, 0); // ≈ 0.0596 T
 */
export function effectiveAnisotropyFieldAt(p: DeviceParams, voltageV: number): number {
  const n = diskDemagFactors(p.diameterM, p.freeLayerThicknessM);
  return anisotropyFieldAt(p, voltageV) - MU0 * p.msAPerM * (n.nz - n.nx);
}

/** Free-layer volume π (d/2)² t_f (m³). */
function volumeOf(p: DeviceParams): number {
  return Math.PI * (p.diameterM / 2) ** 2 * p.freeLayerThicknessM;
}

/**
 * Energy barrier Δ(V) in units of k_B T at voltage V, with the in-plane bias: (Ms V_free / 2 k_B T) (B_k − B_x)² / B_k
 * for B_k = B_k,eff(V) > B_x, else 0 (no barrier). Exact for a Stoner-Wohlfarth particle in a transverse field.
 *
 * @example
 * barrierAt(defaultDeviceParams, 0); // ≈ 30
 */
export function barrierAt(p: DeviceParams, voltageV: number): number {
  const bk = effectiveAnisotropyFieldAt(p, voltageV);
  const bx = Math.abs(p.biasFieldT);
  if (bk <= bx) return 0;
  return ((p.msAPerM * volumeOf(p)) / (2 * KB * p.temperatureK)) * ((bk - bx) ** 2 / bk);
}

/**
 * Small-angle precession frequency about the equilibrium while voltage V is applied (Hz), stray field ignored:
 * γ √(B_x (B_x − B_k)) / (2π(1+α²)) when the equilibrium is in-plane (B_k ≤ B_x), γ √(B_k² − B_x²) / (2π(1+α²)) when tilted.
 *
 * @example
 * precessionFrequencyAt(defaultDeviceParams, deriveQuantities(defaultDeviceParams).criticalVoltageV); // ≈ 0.56e9
 */
export function precessionFrequencyAt(p: DeviceParams, voltageV: number): number {
  const bk = effectiveAnisotropyFieldAt(p, voltageV);
  const bx = Math.abs(p.biasFieldT);
  const omega2 = bk <= bx ? bx * (bx - bk) : bk * bk - bx * bx;
  return (p.gammaRadPerST * Math.sqrt(omega2)) / (2 * Math.PI * (1 + p.damping ** 2));
}

/**
 * TMR at bias V: TMR0 / (1 + (V/V_h)²).
 *
 * @example
 * tmrAt(defaultDeviceParams, 0.5); // 1.1
 */
export function tmrAt(p: DeviceParams, voltageV: number): number {
  return p.tmr0 / (1 + (voltageV / p.tmrHalfVoltageV) ** 2);
}

/**
 * Every derived quantity of a parameter set (validated first).
 *
 * @example
 * const d = deriveQuantities(defaultDeviceParams);
 * console.log(d.criticalVoltageV, d.thermalStability);
 */
export function deriveQuantities(p: DeviceParams): DerivedQuantities {
  validateDeviceParams(p);
  const demag = diskDemagFactors(p.diameterM, p.freeLayerThicknessM);
  const areaM2 = Math.PI * (p.diameterM / 2) ** 2;
  const volumeM3 = areaM2 * p.freeLayerThicknessM;
  const shape = 0.5 * MU0 * p.msAPerM ** 2 * (demag.nz - demag.nx);
  const keff = p.kiJPerM2 / p.freeLayerThicknessM - shape;
  const bkEff = effectiveAnisotropyFieldAt(p, 0);
  const vc = (p.oxideThicknessM * (p.kiJPerM2 - shape * p.freeLayerThicknessM)) / p.xiJPerVM;
  const h = Math.abs(p.biasFieldT) / bkEff;
  const delta = barrierAt(p, 0);
  const fVc = (p.gammaRadPerST * Math.abs(p.biasFieldT)) / (2 * Math.PI * (1 + p.damping ** 2));
  const rP = p.raOhmM2 / areaM2;
  return {
    areaM2,
    volumeM3,
    demag,
    shapeAnisotropyJPerM3: shape,
    effectiveAnisotropyJPerM3: keff,
    anisotropyFieldT: anisotropyFieldAt(p, 0),
    effectiveAnisotropyFieldT: bkEff,
    criticalVoltageV: vc,
    barrierVanishingVoltageV: vc * (1 - h),
    barrierNoFieldKT: (keff * volumeM3) / (KB * p.temperatureK),
    thermalStability: delta,
    retentionTimeS: ATTEMPT_TIME_S * Math.exp(delta),
    equilibriumMz: Math.sqrt(1 - h * h),
    precessionFrequencyAtVcHz: fVc,
    dampingTimeS: p.damping > 0 ? 1 / (p.damping * 2 * Math.PI * fVc) : Infinity,
    resistancePOhm: rP,
    resistanceAPOhm: rP * (1 + p.tmr0),
    capacitanceF: (EPS0 * p.epsMgO * areaM2) / p.oxideThicknessM,
    breakdownVoltageV: p.breakdownFieldVPerM * p.oxideThicknessM,
  };
}

const positiveFields = [
  'diameterM', 'freeLayerThicknessM', 'oxideThicknessM', 'msAPerM', 'kiJPerM2', 'xiJPerVM', 'temperatureK',
  'raOhmM2', 'tmrHalfVoltageV', 'epsMgO', 'breakdownFieldVPerM', 'gammaRadPerST',
] as const satisfies readonly (keyof DeviceParams)[];

/**
 * Rejects an invalid parameter set with a {@link DeviceParamError} naming the field: non-finite values, non-positive
 * sizes/material constants/temperature, negative damping or TMR, a layer thicker than wide, or a free layer that is not
 * perpendicular at zero voltage (B_k,eff(0) ≤ 0, or an in-plane bias that removes the barrier).
 *
 * @example
 * validateDeviceParams({ ...defaultDeviceParams, temperatureK: 0 }); // throws DeviceParamError (field 'temperatureK')
 */
export function validateDeviceParams(p: DeviceParams): void {
  for (const [k, v] of Object.entries(p)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new DeviceParamError(k, `must be a finite number, got ${String(v)}`);
  }
  for (const k of positiveFields) if (!(p[k] > 0)) throw new DeviceParamError(k, `must be > 0, got ${p[k]}`);
  if (p.damping < 0) throw new DeviceParamError('damping', `must be ≥ 0, got ${p.damping}`);
  if (p.tmr0 < 0) throw new DeviceParamError('tmr0', `must be ≥ 0, got ${p.tmr0}`);
  if (p.freeLayerThicknessM >= p.diameterM) {
    throw new DeviceParamError('freeLayerThicknessM', `must be smaller than the diameter (${p.diameterM} m) for a disk`);
  }
  const bk = effectiveAnisotropyFieldAt(p, 0);
  if (!(bk > 0)) {
    throw new DeviceParamError(
      'kiJPerM2',
      `free layer is not perpendicular at zero voltage: effective anisotropy field ${(bk * 1e3).toFixed(2)} mT ≤ 0 ` +
        `(K_i too small against the shape anisotropy)`,
    );
  }
  if (Math.abs(p.biasFieldT) >= bk) {
    throw new DeviceParamError(
      'biasFieldT',
      `free layer is not perpendicular at zero voltage: in-plane bias ${(p.biasFieldT * 1e3).toFixed(2)} mT ≥ ` +
        `effective anisotropy field ${(bk * 1e3).toFixed(2)} mT leaves no barrier`,
    );
  }
}

/**
 * Rejects a voltage beyond the MgO breakdown limit E_bd · t_ox (or a non-finite one) with a {@link BreakdownError}.
 *
 * @example
 * checkVoltage(defaultDeviceParams, 1.5, 'pulse amplitude'); // ok: limit is 1.95 V
 */
export function checkVoltage(p: DeviceParams, voltageV: number, what = 'voltage'): void {
  const limit = p.breakdownFieldVPerM * p.oxideThicknessM;
  if (!Number.isFinite(voltageV)) throw new BreakdownError(voltageV, limit, what);
  if (Math.abs(voltageV) > limit) throw new BreakdownError(voltageV, limit, what);
}

const si = (v: number, unit: string, digits = 4): string => {
  const prefixes: [number, string][] = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'µ'], [1e-9, 'n'], [1e-12, 'p'], [1e-15, 'f'], [1e-18, 'a']];
  if (v === 0 || !Number.isFinite(v)) return `${v} ${unit}`;
  const [scale, prefix] = prefixes.find(([s]) => Math.abs(v) >= s) ?? prefixes[prefixes.length - 1]!;
  return `${(v / scale).toPrecision(digits)} ${prefix}${unit}`;
};

/**
 * A multi-line description of the device: its base parameters and every derived quantity.
 *
 * @example
 * console.log(describeDevice(defaultDeviceParams));
 */
export function describeDevice(p: DeviceParams): string {
  const d = deriveQuantities(p);
  const rows: [string, string][] = [
    ['diameter', si(p.diameterM, 'm')],
    ['free layer thickness t_f', si(p.freeLayerThicknessM, 'm')],
    ['MgO thickness t_ox', si(p.oxideThicknessM, 'm')],
    ['Ms', si(p.msAPerM, 'A/m')],
    ['damping α', String(p.damping)],
    ['K_i', si(p.kiJPerM2, 'J/m²')],
    ['VCMA ξ', si(p.xiJPerVM, 'J/(V·m)')],
    ['in-plane bias μ0H_x', si(p.biasFieldT, 'T')],
    ['stray field μ0H_z', si(p.strayFieldT, 'T')],
    ['temperature', si(p.temperatureK, 'K')],
    ['RA', `${(p.raOhmM2 * 1e12).toPrecision(4)} Ω·µm²`],
    ['TMR0, V_h', `${p.tmr0}, ${si(p.tmrHalfVoltageV, 'V')}`],
    ['ε_MgO, breakdown field', `${p.epsMgO}, ${(p.breakdownFieldVPerM * 1e-9).toPrecision(3)} V/nm`],
    ['-- derived --', ''],
    ['demag N_x, N_z', `${d.demag.nx.toFixed(5)}, ${d.demag.nz.toFixed(5)}`],
    ['K_eff', si(d.effectiveAnisotropyJPerM3, 'J/m³')],
    ['μ0H_k(0), μ0H_k,eff(0)', `${si(d.anisotropyFieldT, 'T')}, ${si(d.effectiveAnisotropyFieldT, 'T')}`],
    ['critical voltage V_c', si(d.criticalVoltageV, 'V')],
    ['barrier vanishes at', si(d.barrierVanishingVoltageV, 'V')],
    ['Δ (no field / with bias)', `${d.barrierNoFieldKT.toFixed(2)} / ${d.thermalStability.toFixed(2)}`],
    ['retention τ0 e^Δ', si(d.retentionTimeS, 's')],
    ['equilibrium m_z', d.equilibriumMz.toFixed(4)],
    ['precession f at V_c (half period)', `${si(d.precessionFrequencyAtVcHz, 'Hz')} (${si(0.5 / d.precessionFrequencyAtVcHz, 's')})`],
    ['damping time 1/(αω)', si(d.dampingTimeS, 's')],
    ['R_P, R_AP (0 V)', `${si(d.resistancePOhm, 'Ω')}, ${si(d.resistanceAPOhm, 'Ω')}`],
    ['capacitance', si(d.capacitanceF, 'F')],
    ['breakdown voltage', si(d.breakdownVoltageV, 'V')],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => (v ? `${k.padEnd(w)}  ${v}` : k)).join('\n');
}
