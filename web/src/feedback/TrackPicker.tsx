import { useTranslation } from 'react-i18next';
import { TRACKS, type Track } from './api';

/**
 * The three tracks as native radio cards (arrow keys move between them, screen readers read the
 * group and each explanation), each saying in plain words when to choose it.
 */
export function TrackPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: Track;
  onChange?: (track: Track) => void;
}) {
  const { t } = useTranslation('feedback');
  return (
    <div className="fb-tracks" role="radiogroup" id={id} aria-labelledby={id ? `${id}-legend` : undefined}>
      {TRACKS.map((track) => (
        <label
          key={track}
          className={`fb-track${value === track ? ' fb-track-on' : ''}`}
          data-testid={`track-${track}`}
        >
          <input
            type="radio"
            name="fb-track"
            value={track}
            checked={value === track}
            onChange={() => onChange?.(track)}
            aria-describedby={`fb-track-${track}-help`}
          />
          <span className="fb-radio-dot" aria-hidden />
          <span className="fb-track-text">
            <span className="fb-track-title">{t(`ui.tracks.${track}.title`)}</span>
            <span className="fb-track-help" id={`fb-track-${track}-help`}>
              {t(`ui.tracks.${track}.help`)}
            </span>
            <span className="fb-track-example">{t(`ui.tracks.${track}.example`)}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
