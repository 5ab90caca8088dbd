"""F0 by Boersma's autocorrelation method (Boersma 1993, "Accurate short-term analysis of the
fundamental frequency and the harmonics-to-noise ratio of a sampled sound"), the method behind
Praat's "To Pitch (ac)", with Praat's default settings, in numpy.

Per 10-ms frame: the Hann-windowed autocorrelation divided by the window's own, whose peaks are the
candidate periods; then the path through the candidates (and "unvoiced") that best trades their
strength against octave jumps and voicing changes (a Viterbi search). Written here rather than
imported from praat-parselmouth, whose import alone holds some 70 MB the app cannot spare.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

_BLOCK_FRAMES = 256  # frames analysed at once: 256 x 1,296 doubles, under 3 MB
_KERNEL_DEPTH, _KERNEL_STEPS = 4, 1000  # the interpolation's taps on each side; fractions of a lag tabulated


@dataclass(frozen=True)
class PitchOptions:
    """Praat's defaults for "To Pitch (ac)", with the floor and ceiling the app uses."""

    time_step_s: float = 0.01
    floor_hz: float = 50.0
    ceiling_hz: float = 500.0
    periods_per_window: float = 3.0  # the window holds three periods of the floor: 60 ms
    max_candidates: int = 15  # "unvoiced" and up to 14 periods per frame
    silence_threshold: float = 0.03  # frames quieter than this share of the loudest peak lean unvoiced
    voicing_threshold: float = 0.45  # the correlation a period needs to beat "unvoiced"
    octave_cost: float = 0.01  # per octave down: favours the shortest of equally strong periods
    octave_jump_cost: float = 0.35  # per octave from one frame to the next
    voiced_unvoiced_cost: float = 0.14


@dataclass(frozen=True)
class _Frames:
    """Where the frames of a sound lie, in samples."""

    rate: int
    times: np.ndarray  # the centre of each frame, s
    last_before: np.ndarray  # the last sample at or before each centre
    half: int  # samples on each side of a centre the window reaches
    period: int  # samples in one period of the floor
    max_lag: int  # the longest lag searched for a peak
    reach: int  # the longest lag the correlation is computed to
    n_fft: int

    @classmethod
    def of(cls, n_samples: int, rate: int, options: PitchOptions) -> "_Frames":
        window_s = options.periods_per_window / options.floor_hz
        half = int(window_s * rate) // 2 - 1
        width = 2 * half
        duration = n_samples / rate
        count = int((duration - window_s) / options.time_step_s) + 1 if duration >= window_s else 0
        # As many frames as fit, placed symmetrically about the middle of the sound.
        times = duration / 2 + (np.arange(count) - (count - 1) / 2) * options.time_step_s
        max_lag = min(int(width / options.periods_per_window) + 2, width)
        # The correlation is read up to the longest lag searched plus the interpolation's taps,
        # never beyond half the window, where too few samples overlap to trust it.
        reach = min(width // 2, max_lag + _KERNEL_DEPTH + 1)
        return cls(rate=rate, times=times, last_before=np.floor(times * rate - 0.5).astype(np.int64), half=half,
                   period=int(rate / options.floor_hz), max_lag=max_lag, reach=reach, n_fft=_fast_size(width + reach))


def track_pitch(samples: np.ndarray, rate: int, options: PitchOptions = PitchOptions(),
                loudest: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """(frame times in s from the first sample, F0 in Hz with 0 where unvoiced). `loudest`: the
    loud peak of the recording `samples` are a piece of. Praat weighs a frame's silence against
    the whole sound's peak; a piece of silence holding only mains hum is loud beside its own."""
    x = np.asarray(samples)  # read a block of frames at a time: a long sound is never copied whole
    frames = _Frames.of(len(x), rate, options)
    n = len(frames.times)
    if n == 0:
        return np.zeros(0), np.zeros(0)
    mean = float(np.mean(x, dtype=np.float64))
    loudest = max(loudest, float(x.max()) - mean, mean - float(x.min()))  # the largest excursion from the mean
    if loudest == 0.0:
        return frames.times, np.zeros(n)
    window = _hann(2 * frames.half)
    window_r = _autocorrelation(window[None, :], frames.n_fft, frames.reach)[0]
    window_r /= window_r[0]
    hz = np.zeros((n, options.max_candidates))
    strength = np.full((n, options.max_candidates), -np.inf)
    intensity = np.zeros(n)
    for first in range(0, n, _BLOCK_FRAMES):
        block = slice(first, min(n, first + _BLOCK_FRAMES))
        intensity[block], hz[block], strength[block] = _candidates(
            x, frames.last_before[block], frames, window, window_r, loudest, options)
    return frames.times, _best_path(hz, strength, intensity, options)


def _fast_size(at_least: int) -> int:
    """The smallest 2^a 3^b at least `at_least`: a size numpy's FFT handles fast, and often well
    under the next power of two (1,296 points where that would be 2,048)."""
    return min(p * 3**b for b in range(5) for p in [1 << max(0, int(np.ceil(np.log2(at_least / 3**b))))])


def _hann(width: int) -> np.ndarray:
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(1, width + 1) / (width + 1))


def _autocorrelation(frames: np.ndarray, n_fft: int, reach: int) -> np.ndarray:
    """Each row's autocorrelation, lags 0 to `reach`, zero-padded so it does not wrap round."""
    spectrum = np.fft.rfft(frames, n_fft)
    return np.fft.irfft(spectrum.real ** 2 + spectrum.imag ** 2, n_fft)[:, : reach + 1]


def _candidates(x, last_before, frames: _Frames, window, window_r, loudest, options: PitchOptions):
    """(relative intensity, candidate Hz, candidate strength) of each frame; column 0 is "unvoiced"
    (0 Hz, its strength set on the path), unused columns have strength -inf."""
    half, period = frames.half, frames.period
    # The mean over one floor period each side removes DC and hum before windowing.
    local_mean = np.mean(x[(last_before + 1 - period)[:, None] + np.arange(2 * period)], axis=1, dtype=np.float64)
    segment = x[(last_before + 1 - half)[:, None] + np.arange(2 * half)].astype(np.float64)
    segment = (segment - local_mean[:, None]) * window
    # The local peak looks half a floor period (and a sample) to each side of the centre.
    around = period // 2 + 1
    peak = np.max(np.abs(segment[:, max(0, half - around) : half + around]), axis=1)
    intensity = np.minimum(1.0, peak / loudest)

    ac = _autocorrelation(segment, frames.n_fft, frames.reach)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = ac / (ac[:, :1] * window_r)
    r[~(ac[:, 0] > 0)] = 0.0
    last = min(frames.max_lag, frames.reach)  # peaks at lags 2 .. last - 1
    is_peak = ((r[:, 2:last] > 0.5 * options.voicing_threshold)
               & (r[:, 2:last] > r[:, 1 : last - 1]) & (r[:, 2:last] >= r[:, 3 : last + 1]))
    row, column = np.nonzero(is_peak)
    lag0 = column + 2
    left, mid, right = r[row, lag0 - 1], r[row, lag0], r[row, lag0 + 1]
    dr, d2r = 0.5 * (right - left), 2 * mid - left - right
    lag = lag0 + dr / d2r  # the parabola through three lags; d2r > 0 at a strict maximum
    height = mid + 0.5 * dr * dr / d2r
    height = np.where(height > 1.0, 1.0 / height, height)  # short windows overshoot: reflect about 1
    # Keep the strongest, favouring high frequencies a little (octave cost).
    rank = np.full(is_peak.shape, -np.inf)
    rank[row, column] = height - options.octave_cost * np.log2(options.floor_hz * lag / frames.rate)
    lags = np.zeros(is_peak.shape)
    lags[row, column] = lag
    keep = min(options.max_candidates - 1, rank.shape[1])
    best = np.argpartition(-rank, keep - 1, axis=1)[:, :keep]
    rows = np.arange(len(rank))[:, None]
    found = np.isfinite(rank[rows, best])
    at, top = _sinc_maximum(r, np.where(found, lags[rows, best], 2.0))
    top = np.divide(1.0, top, out=top, where=top > 1.0)  # reflected about 1, as above
    hz = np.zeros((len(rank), options.max_candidates))
    strength = np.full((len(rank), options.max_candidates), -np.inf)
    hz[:, 1 : 1 + keep] = np.where(found, frames.rate / at, 0.0)
    strength[:, 1 : 1 + keep] = np.where(found, top, -np.inf)
    strength[:, 0] = 0.0
    strength[peak == 0.0, 1:] = -np.inf  # digital silence is unvoiced
    return intensity, hz, strength


def _sinc_maximum(r: np.ndarray, lags: np.ndarray, step: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Where near each of `lags` (one row of them per row of `r`) the band-limited interpolation of
    `r` peaks, and its value there: a parabola through the interpolation at lag - step, lag, lag + step."""
    at = lags[..., None] + np.array([-step, 0.0, step])
    whole = np.floor(at)
    weight = _sinc_kernel()[np.round((at - whole) * _KERNEL_STEPS).astype(np.int64)]
    taps = whole.astype(np.int64)[..., None] + np.arange(1 - _KERNEL_DEPTH, _KERNEL_DEPTH + 1)
    # The autocorrelation is even: a negative lag reads its mirror.
    taps = np.minimum(np.abs(taps), r.shape[1] - 1)
    rows = np.arange(len(r))[:, None, None, None]
    low, mid, high = np.moveaxis(np.sum(r[rows, taps] * weight, axis=-1), -1, 0)
    dr, d2r = 0.5 * (high - low), 2 * mid - low - high
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = np.where(d2r > 0, np.clip(dr / d2r, -1.0, 1.0), 0.0)
    return lags + step * shift, mid + 0.5 * dr * shift


@functools.cache
def _sinc_kernel() -> np.ndarray:
    """Weights of a Hann-tapered sinc for each tabulated fraction of a lag (rows) on its taps."""
    distance = np.linspace(0.0, 1.0, _KERNEL_STEPS + 1)[:, None] - np.arange(1 - _KERNEL_DEPTH, _KERNEL_DEPTH + 1)
    return np.sinc(distance) * (0.5 + 0.5 * np.cos(np.pi * distance / (_KERNEL_DEPTH + 0.5)))


def _best_path(hz: np.ndarray, strength: np.ndarray, intensity: np.ndarray, options: PitchOptions) -> np.ndarray:
    """The F0 of each frame on the path with the highest total strength less transition costs."""
    valid = np.isfinite(strength)
    voiced = valid & (hz > 0) & (hz < options.ceiling_hz)
    unvoiced_strength = options.voicing_threshold + np.maximum(
        0.0, 2 - intensity / (options.silence_threshold / (1 + options.voicing_threshold)))
    with np.errstate(divide="ignore"):
        local = np.where(voiced, strength - options.octave_cost * np.log2(options.ceiling_hz / np.where(voiced, hz, 1.0)),
                         np.where(valid, unvoiced_strength[:, None], -np.inf))
    # Valid candidates first, and no column that no frame uses: the search is K x K per frame.
    order = np.argsort(~valid, axis=1, kind="stable")[:, : max(1, int(valid.sum(axis=1).max()))]
    hz, voiced, local = (np.take_along_axis(a, order, axis=1) for a in (hz, voiced, local))
    octaves = np.log2(np.where(voiced, hz, 1.0))
    scale = 0.01 / options.time_step_s
    jump_cost, switch_cost = options.octave_jump_cost * scale, options.voiced_unvoiced_cost * scale
    n, k = hz.shape
    came_from = np.zeros((n, k), dtype=np.int64)
    total = local[0]
    columns = np.arange(k)
    for first in range(1, n, _BLOCK_FRAMES):
        now = slice(first, min(n, first + _BLOCK_FRAMES))
        before = slice(first - 1, now.stop - 1)
        # cost[t, from, to]: a voicing change, or the octaves jumped between two voiced candidates.
        cost = np.where(voiced[before][:, :, None] != voiced[now][:, None, :], switch_cost,
                        jump_cost * np.abs(octaves[before][:, :, None] - octaves[now][:, None, :]))
        for t, step_cost in enumerate(cost, start=first):
            through = total[:, None] - step_cost
            came_from[t] = best = np.argmax(through, axis=0)
            total = through[best, columns] + local[t]
    path = np.zeros(n, dtype=np.int64)
    path[-1] = int(np.argmax(total))
    for t in range(n - 1, 0, -1):
        path[t - 1] = came_from[t, path[t]]
    chosen = np.arange(n)
    return np.where(voiced[chosen, path], hz[chosen, path], 0.0)
