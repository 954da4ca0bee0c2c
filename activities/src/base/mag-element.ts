import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { BridgeController, type ConnectionStatus } from '../bridge/client.js';
import { coreStrings } from '../i18n/core-strings.js';
import { pageLocale, translate, type Locale } from '../i18n/localize.js';
import { VERSION } from '../version.js';
import { defineElement } from './define.js';
import { themeTokens } from './theme.js';

/**
 * The base of every activity element: the bridge connection, its states shown to the user, the locale
 * taken from the host, theme tokens, and idempotent registration.
 *
 * @cssproperty --mag-color-primary - Accent colour (buttons, bars).
 * @cssproperty --mag-color-text - Text colour.
 * @cssproperty --mag-color-surface - Background colour.
 * @cssproperty --mag-color-focus - Focus ring colour.
 * @csspart status - The connection status message.
 */
export abstract class MagElement extends LitElement {
  static override styles = [themeTokens];
  static version = VERSION;
  /** The activity type the host knows this element by (`reactions`, `wordcloud`…). */
  static activityType = '';

  /** Registers the element under `tag`; a no-op (with a warning) when a bundle already did. */
  static define(tag: string): void {
    defineElement(tag, this as unknown as CustomElementConstructor & { version?: string });
  }

  /** The id of the activity instance in the host. */
  @property() instance = '';

  /** The title shown above the activity. */
  @property({ attribute: 'activity-title' }) activityTitle = '';

  protected readonly bridge = new BridgeController(this, {
    activity: (this.constructor as typeof MagElement).activityType,
    instance: () => this.instance,
  });

  private previousStatus: ConnectionStatus | null = null;

  /** The state of the link to the host: `connecting`, `connected`, `lost` (retrying) or `incompatible`. */
  get connectionStatus(): ConnectionStatus {
    return this.bridge.status;
  }

  /** The host's locale once connected; before that, the page's. */
  get locale(): Locale {
    return this.bridge.context?.locale ?? pageLocale(this);
  }

  get userRole(): 'trainer' | 'trainee' | null {
    return this.bridge.context?.role ?? null;
  }

  /** Called each time the bridge (re)connects: load the state here. */
  protected bridgeConnected(): void {}

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const status = this.bridge.status;
    if (status !== this.previousStatus) {
      this.previousStatus = status;
      if (status === 'connected') {
        this.applyTheme();
        this.bridgeConnected();
      }
    }
  }

  /** The connection message for the user, or nothing when all is well. */
  protected renderStatus(): TemplateResult | typeof nothing {
    const status = this.bridge.status;
    const t = (key: keyof typeof coreStrings.fr): string => translate(coreStrings, this.locale, key);
    if (status === 'connected' && this.bridge.hostOnline) return nothing;
    if (status === 'incompatible') {
      return html`<p class="mag-status" part="status" data-status="incompatible" role="alert">${t('incompatible')}</p>`;
    }
    const key = status === 'connected' ? 'offline' : status === 'lost' ? 'lost' : 'connecting';
    return html`<p class="mag-status" part="status" data-status=${status} role="status">${t(key)}</p>`;
  }

  private applyTheme(): void {
    for (const [name, value] of Object.entries(this.bridge.context?.theme ?? {})) {
      this.style.setProperty(name, value);
    }
  }
}
